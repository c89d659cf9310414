package dev.ticketmigration.changelog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host, port and database of a {@code jdbc:postgresql://} URL, as the connector takes them. */
record SourceAddress(String host, int port, String database) {
  private static final Pattern POSTGRES_URL =
      Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?]+)(?::(\\d+))?/([^?;]+)(?:[?;].*)?");

  static SourceAddress parse(String jdbcUrl) {
    Matcher matcher = POSTGRES_URL.matcher(jdbcUrl);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "the change log can be read from PostgreSQL only so far: expected a URL like"
              + " jdbc:postgresql://host:5432/database, got '"
              + jdbcUrl
              + "'");
    }
    String host = matcher.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
    return new SourceAddress(host, port, matcher.group(3));
  }

  String jdbcUrl() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + shownHost + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return host + ":" + port + "/" + database;
  }
}
