package dev.ticketmigration.changelog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which kind of source a JDBC URL names, and its host, port and database as the connectors take
 * them. URL parameters (credentials among them) are not kept.
 */
record SourceAddress(Kind kind, String host, int port, String database) {

  /** The sources whose change log the reader follows. */
  enum Kind {
    /** Logical decoding (pgoutput) from a replication slot. */
    POSTGRESQL("PostgreSQL", 5432),
    /** The ROW binary log, read as a replica reads it. */
    MYSQL("MySQL", 3306),
    /** Change data capture tables, polled. */
    SQLSERVER("SQL Server", 1433);

    final String displayName;
    final int defaultPort;

    Kind(String displayName, int defaultPort) {
      this.displayName = displayName;
      this.defaultPort = defaultPort;
    }
  }

  private static final String HOST = "(\\[[^\\]]+\\]|[^/:?;\\\\]+)";
  private static final Pattern SLASH_URL =
      Pattern.compile(
          "jdbc:(postgresql|mysql|mariadb)://" + HOST + "(?::(\\d+))?/([^?;]+)(?:[?;].*)?");
  private static final Pattern SQLSERVER_URL =
      Pattern.compile("jdbc:sqlserver://" + HOST + "(?:\\\\[^:;]+)?(?::(\\d+))?(;.*)?");
  private static final Pattern SQLSERVER_DATABASE =
      Pattern.compile(";\\s*(?:databaseName|database)\\s*=\\s*([^;]+)", Pattern.CASE_INSENSITIVE);

  static SourceAddress parse(String jdbcUrl) {
    Matcher matcher = SLASH_URL.matcher(jdbcUrl);
    if (matcher.matches()) {
      Kind kind = "postgresql".equals(matcher.group(1)) ? Kind.POSTGRESQL : Kind.MYSQL;
      return new SourceAddress(
          kind, host(matcher.group(2)), port(matcher.group(3), kind), matcher.group(4));
    }
    matcher = SQLSERVER_URL.matcher(jdbcUrl);
    if (matcher.matches()) {
      Matcher database =
          SQLSERVER_DATABASE.matcher(matcher.group(3) == null ? "" : matcher.group(3));
      if (database.find()) {
        return new SourceAddress(
            Kind.SQLSERVER,
            host(matcher.group(1)),
            port(matcher.group(2), Kind.SQLSERVER),
            database.group(1).trim());
      }
    }
    throw new IllegalArgumentException(
        "the change log is read from PostgreSQL, MySQL or SQL Server: expected a URL like"
            + " jdbc:postgresql://host:5432/database, jdbc:mariadb://host:3306/database or"
            + " jdbc:sqlserver://host:1433;databaseName=database, got '"
            + redacted(jdbcUrl)
            + "'");
  }

  private static String host(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private static int port(String port, Kind kind) {
    return port == null ? kind.defaultPort : Integer.parseInt(port);
  }

  /** The URL up to its parameters, which may hold a password. */
  private static String redacted(String jdbcUrl) {
    int cut = jdbcUrl.toLowerCase(Locale.ROOT).indexOf("password");
    return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut) + "…";
  }

  /** The URL the reader's own connections use: host, port and database only. */
  String jdbcUrl() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return switch (kind) {
      case POSTGRESQL -> "jdbc:postgresql://" + shownHost + ":" + port + "/" + database;
      case MYSQL -> "jdbc:mariadb://" + shownHost + ":" + port + "/" + database;
      case SQLSERVER -> "jdbc:sqlserver://" + shownHost + ":" + port + ";databaseName=" + database;
    };
  }

  @Override
  public String toString() {
    return host + ":" + port + "/" + database;
  }
}
