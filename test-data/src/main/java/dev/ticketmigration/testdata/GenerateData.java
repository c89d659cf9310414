package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Command line: creates (optionally) and fills a DMS_SAMPLE schema with generated data, by the
 * SPEC's rules, at any size. Every runner bundle carries it as its {@code generate} command:
 *
 * <pre>
 * java -jar ticket-migration-flink.jar generate --url=JDBC_URL [--user=USER] [--password-env=VAR]
 *     [--schema=NAME] [--tickets=N] [--seed=N] [--create] [--drop]
 * </pre>
 *
 * <p>Flags take their value after {@code =} or as the next argument. The password is read from the
 * environment variable named by {@code --password-env} (default {@code SOURCE_PASSWORD}, as the
 * migration), never from the command line. It refuses to add rows to tables that already hold some:
 * {@code --drop} starts over. On PostgreSQL add {@code ?reWriteBatchedInserts=true} to the URL.
 */
public final class GenerateData {
  static final String USAGE =
      """
      usage: generate --url=JDBC_URL [--user=USER] [--password-env=VAR] [--schema=NAME]
                      [--tickets=N] [--seed=N] [--create] [--drop]
        --url           JDBC URL (jdbc:sqlserver:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:h2:)
        --user          database user
        --password-env  environment variable holding the password (default SOURCE_PASSWORD, if set)
        --schema        schema (database on MariaDB) to fill; default: the connection's own
        --tickets       about how many tickets to generate (default 100000)
        --seed          random seed (default 42): the same seed and size give the same rows
        --create        create the schema and the twelve tables first
        --drop          drop the twelve tables first, with their rows (with --create: start over)
      """;

  private GenerateData() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command; returns the exit status: 0 done, 2 a bad argument or a database it cannot use
   * (one line naming the fix), 1 the generation failed part-way.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    Arguments arguments;
    DataGenerator generator;
    try {
      arguments = Arguments.parse(args);
      generator = DataGenerator.forTickets(arguments.tickets, arguments.seed);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    out.println(generator);
    if (arguments.dialect == Dialect.POSTGRESQL
        && !arguments.url.contains("reWriteBatchedInserts")) {
      err.println("hint: add reWriteBatchedInserts=true to the URL for faster batched inserts");
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection(arguments.url, arguments.user, arguments.password);
    } catch (SQLException e) {
      err.println(
          "error: cannot connect to "
              + arguments.redactedUrl()
              + ": "
              + firstLine(e)
              + " (check --url, --user and the password)");
      return 2;
    }
    try (connection) {
      if (arguments.drop) {
        SourceSchema.drop(connection, arguments.dialect, arguments.schema);
      } else {
        String problem = problemWithTables(connection, arguments);
        if (problem != null) {
          err.println("error: " + problem);
          return 2;
        }
      }
      if (arguments.create) {
        SourceSchema.create(connection, arguments.dialect, arguments.schema);
      }
      out.print(
          generator
              .generate(connection, arguments.dialect, arguments.schema, out::println)
              .summary());
      return 0;
    } catch (SQLException e) {
      err.println("error: generating into " + arguments.redactedUrl() + " failed: " + firstLine(e));
      return 1;
    }
  }

  /**
   * Why the tables cannot take the generated rows as they are (without --drop), or null: rows
   * already there would mix with the new ones, --create needs them absent, and without it they must
   * all exist.
   */
  private static String problemWithTables(Connection connection, Arguments arguments) {
    Map<String, Long> existing =
        SourceSchema.rowCounts(connection, arguments.dialect, arguments.schema);
    String where =
        Dialect.isEmpty(arguments.schema) ? "the default schema" : "schema " + arguments.schema;
    for (Map.Entry<String, Long> table : existing.entrySet()) {
      if (table.getValue() > 0) {
        return String.format(
            "%s already holds DMS_SAMPLE rows (%,d in %s): pass --drop to start over (it drops the"
                + " twelve tables and their rows, then add --create), or name another --schema",
            where, table.getValue(), table.getKey());
      }
    }
    if (arguments.create && !existing.isEmpty()) {
      return where
          + " already has the (empty) tables "
          + String.join(", ", existing.keySet())
          + ": leave out --create to fill them, or add --drop to make them anew";
    }
    if (!arguments.create && existing.size() < SourceTable.values().length) {
      return where + " lacks DMS_SAMPLE tables: add --create to make them";
    }
    return null;
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** The parsed command line; every check names the flag to fix. */
  private record Arguments(
      String url,
      Dialect dialect,
      String user,
      String password,
      String schema,
      long tickets,
      long seed,
      boolean create,
      boolean drop) {

    static Arguments parse(String[] args) {
      String url = null;
      String user = null;
      String passwordVariable = null;
      String schema = null;
      long tickets = 100_000;
      long seed = 42;
      boolean create = false;
      boolean drop = false;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        String inline = null;
        int eq = flag.indexOf('=');
        if (flag.startsWith("--") && eq > 0) {
          inline = flag.substring(eq + 1);
          flag = flag.substring(0, eq);
        }
        switch (flag) {
          case "--url" -> url = inline != null ? inline : value(args, ++i, flag);
          case "--user" -> user = inline != null ? inline : value(args, ++i, flag);
          case "--password-env" ->
              passwordVariable = inline != null ? inline : value(args, ++i, flag);
          case "--schema" -> schema = inline != null ? inline : value(args, ++i, flag);
          case "--tickets" ->
              tickets = number(inline != null ? inline : value(args, ++i, flag), flag);
          case "--seed" -> seed = number(inline != null ? inline : value(args, ++i, flag), flag);
          case "--create" -> create = inline == null || Boolean.parseBoolean(inline);
          case "--drop" -> drop = inline == null || Boolean.parseBoolean(inline);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (url == null) {
        throw new IllegalArgumentException("--url is required");
      }
      String password = null;
      if (passwordVariable != null) {
        password = System.getenv(passwordVariable);
        if (password == null) {
          throw new IllegalArgumentException(
              "--password-env: environment variable " + passwordVariable + " is not set");
        }
      } else {
        password = System.getenv("SOURCE_PASSWORD");
      }
      Dialect dialect = Dialect.fromJdbcUrl(url);
      dialect.schemaPrefix(schema); // rejects a bad --schema before connecting
      return new Arguments(url, dialect, user, password, schema, tickets, seed, create, drop);
    }

    /** The URL without inline secrets ({@code password=...}), for messages. */
    String redactedUrl() {
      return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
    }

    private static String value(String[] args, int index, String flag) {
      if (index >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[index];
    }

    private static long number(String text, String flag) {
      try {
        return Long.parseLong(text.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " must be a whole number, was " + text);
      }
    }
  }
}
