package dev.ticketmigration.testdata;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Command line: creates (optionally) and fills a DMS_SAMPLE schema.
 *
 * <pre>
 * GenerateData --url JDBC_URL [--user USER] [--password-env VAR] [--schema NAME]
 *              [--tickets N] [--seed N] [--create] [--drop]
 * </pre>
 *
 * <p>The password is read from the environment variable named by {@code --password-env}, never from
 * the command line. The JDBC driver must be on the class path; from this module's build (drivers
 * are test-scoped): {@code mvn -pl test-data org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.ticketmigration.testdata.GenerateData
 * -Dexec.args="--url ... --create"} (run {@code test-compile} first). On PostgreSQL add {@code
 * ?reWriteBatchedInserts=true} to the URL.
 */
public final class GenerateData {
  static final String USAGE =
      """
      usage: GenerateData --url JDBC_URL [--user USER] [--password-env VAR] [--schema NAME]
                          [--tickets N] [--seed N] [--create] [--drop]
        --url           JDBC URL (jdbc:sqlserver:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:h2:)
        --user          database user
        --password-env  name of the environment variable holding the password
        --schema        schema (database on MariaDB) to fill; default: the connection's own
        --tickets       about how many tickets to generate (default 100000)
        --seed          random seed (default 42)
        --create        create the schema and the tables first
        --drop          drop the tables first (with --create: start over)
      """;

  private GenerateData() {}

  public static void main(String[] args) throws SQLException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns the exit status (2 for bad arguments). */
  static int run(String[] args, PrintStream out, PrintStream err) throws SQLException {
    Arguments arguments;
    DataGenerator generator;
    try {
      arguments = Arguments.parse(args);
      generator = DataGenerator.forTickets(arguments.tickets, arguments.seed);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
    out.println(generator);
    if (arguments.dialect == Dialect.POSTGRESQL
        && !arguments.url.contains("reWriteBatchedInserts")) {
      err.println("hint: add reWriteBatchedInserts=true to the URL for faster batched inserts");
    }
    try (Connection connection =
        DriverManager.getConnection(arguments.url, arguments.user, arguments.password)) {
      if (arguments.drop) {
        SourceSchema.drop(connection, arguments.dialect, arguments.schema);
      }
      if (arguments.create) {
        SourceSchema.create(connection, arguments.dialect, arguments.schema);
      }
      out.print(generator.generate(connection, arguments.dialect, arguments.schema).summary());
    }
    return 0;
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
      String password = null;
      String schema = null;
      long tickets = 100_000;
      long seed = 42;
      boolean create = false;
      boolean drop = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--url" -> url = value(args, ++i, "--url");
          case "--user" -> user = value(args, ++i, "--user");
          case "--password-env" -> {
            String variable = value(args, ++i, "--password-env");
            password = System.getenv(variable);
            if (password == null) {
              throw new IllegalArgumentException(
                  "--password-env: environment variable " + variable + " is not set");
            }
          }
          case "--schema" -> schema = value(args, ++i, "--schema");
          case "--tickets" -> tickets = number(value(args, ++i, "--tickets"), "--tickets");
          case "--seed" -> seed = number(value(args, ++i, "--seed"), "--seed");
          case "--create" -> create = true;
          case "--drop" -> drop = true;
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (url == null) {
        throw new IllegalArgumentException("--url is required");
      }
      Dialect dialect = Dialect.fromJdbcUrl(url);
      dialect.schemaPrefix(schema); // rejects a bad --schema before connecting
      return new Arguments(url, dialect, user, password, schema, tickets, seed, create, drop);
    }

    private static String value(String[] args, int index, String flag) {
      if (index >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[index];
    }

    private static long number(String text, String flag) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " must be a whole number, was " + text);
      }
    }
  }
}
