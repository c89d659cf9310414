package dev.ticketmigration.pipelines;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The source password, read from a file or an environment variable, and the URL's inline secrets:
 * kept out of text, and out of the URL JdbcIO shows.
 */
final class Secrets {
  private Secrets() {}

  /** A key that names a secret: password, pwd, passwd, aadSecurePrincipalSecret, accessToken... */
  private static final String SECRET_KEY =
      "\\s*[A-Za-z0-9_.-]*(?:secret|password|passwd|pwd|token)[A-Za-z0-9_.-]*\\s*";

  /**
   * An inline secret: after ';' (SQL Server, H2) the value may be in braces, where ';' does not end
   * it and '}}' is a literal '}'; after '?' or '&' (PostgreSQL, MariaDB) it ends at the next '&'.
   */
  private static final Pattern URL_SECRET =
      Pattern.compile(
          "(?i)(?:(;)("
              + SECRET_KEY
              + ")=(\\{(?:[^}]|\\}\\})*+\\}|[^;]*)"
              + "|([?&])("
              + SECRET_KEY
              + ")=([^&]*))");

  /** A password in the URL's user information: {@code //user:password@host}. */
  private static final Pattern USER_INFO_SECRET =
      Pattern.compile("(//[^/@:;?&\\s]*:)[^/@;?&\\s]+(?=@)");

  /** The URL without its inline secrets, and those secrets by key, as the driver reads them. */
  record UrlSecrets(String url, Map<String, String> secrets) {}

  /** The password from --sourcePasswordFile, else from the variable --sourcePasswordEnv names. */
  static @Nullable String sourcePassword(MigrationOptions options) {
    String file = options.getSourcePasswordFile();
    if (file != null && !file.isBlank()) {
      try {
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0);
      } catch (IOException e) {
        throw new MigrationException(
            "cannot read the password file "
                + file
                + " ("
                + e.getMessage()
                + "): fix --sourcePasswordFile");
      }
    }
    String variable = options.getSourcePasswordEnv();
    return variable == null || variable.isBlank() ? null : System.getenv(variable);
  }

  /** The URL (or any text holding one) with every inline secret replaced by ***. */
  static String redactUrl(@Nullable String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_SECRET.matcher(url);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String separator = m.group(1) != null ? m.group(1) : m.group(4);
      String key = m.group(2) != null ? m.group(2) : m.group(5);
      m.appendReplacement(out, Matcher.quoteReplacement(separator + key + "=***"));
    }
    m.appendTail(out);
    return USER_INFO_SECRET.matcher(out).replaceAll("$1***");
  }

  /** Splits the inline secrets off a JDBC URL: the URL can be shown, the secrets passed apart. */
  static UrlSecrets splitUrl(String url) {
    Map<String, String> secrets = new LinkedHashMap<>();
    Matcher m = URL_SECRET.matcher(url);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(1) != null) {
        value = m.group(3);
        if (value.startsWith("{")) {
          value = value.substring(1, value.length() - 1).replace("}}", "}");
        }
        secrets.put(m.group(2).trim(), value);
        m.appendReplacement(rest, "");
      } else {
        value = m.group(6);
        if (url.startsWith("jdbc:postgresql:")) {
          value = URLDecoder.decode(value, StandardCharsets.UTF_8); // as PostgreSQL's driver does
        }
        secrets.put(m.group(5).trim(), value);
        // keep a '?': a later parameter may still need it
        m.appendReplacement(rest, m.group(4).equals("?") ? "?" : "");
      }
    }
    m.appendTail(rest);
    String kept = rest.toString().replaceFirst("\\?&", "?");
    kept = kept.endsWith("?") ? kept.substring(0, kept.length() - 1) : kept;
    return new UrlSecrets(kept, secrets);
  }

  /**
   * What the driver gets besides the URL: the user, the password (an inline one wins, as it would
   * in the URL) and the URL's other inline secrets.
   */
  static Properties connectionProperties(
      UrlSecrets split, @Nullable String user, @Nullable String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    split
        .secrets()
        .forEach(
            (key, value) ->
                props.setProperty(key.equalsIgnoreCase("password") ? "password" : key, value));
    return props;
  }

  /**
   * The source for JdbcIO. JdbcIO publishes its URL as display data (the Flink and Spark UIs, the
   * logs), so the URL it gets holds no secret: the password goes in as the password, any other
   * inline secret as a connection property.
   */
  static JdbcIO.DataSourceConfiguration dataSource(
      String driverClass, String url, @Nullable String user, @Nullable String password) {
    UrlSecrets split = splitUrl(url);
    Properties props = connectionProperties(split, user, password);
    JdbcIO.DataSourceConfiguration dataSource =
        JdbcIO.DataSourceConfiguration.create(driverClass, split.url());
    if (user != null) {
      dataSource = dataSource.withUsername(user);
    }
    if (props.getProperty("password") != null) {
      dataSource = dataSource.withPassword(props.getProperty("password"));
    }
    StringBuilder others = new StringBuilder();
    for (String key : props.stringPropertyNames()) {
      if (key.equals("user") || key.equals("password")) {
        continue;
      }
      String value = props.getProperty(key);
      if (value.contains(";")) {
        // the connection pool reads connection properties as "k=v;k=v"
        throw new MigrationException(
            "the --sourceUrl secret "
                + key
                + " holds a ';', which the connection pool cannot pass"
                + " to the driver outside the URL: use a value without ';'");
      }
      others.append(key).append('=').append(value).append(';');
    }
    if (others.length() > 0) {
      dataSource = dataSource.withConnectionProperties(others.toString());
    }
    return dataSource;
  }
}
