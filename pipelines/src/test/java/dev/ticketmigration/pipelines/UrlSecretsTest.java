package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inline secrets of JDBC URLs: masked in text, and kept out of the URL JdbcIO shows. */
class UrlSecretsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          jdbc:postgresql://h/db?user=u&password=p1&ssl=true | jdbc:postgresql://h/db?user=u&password=***&ssl=true
          jdbc:mariadb://h/db?pwd=p2 | jdbc:mariadb://h/db?pwd=***
          jdbc:sqlserver://h:1433;databaseName=d;Password=p3;encrypt=true | jdbc:sqlserver://h:1433;databaseName=d;Password=***;encrypt=true
          jdbc:sqlserver://h;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=s1;keyStoreSecret=s2;trustStorePassword=s3;accessToken=s4 | jdbc:sqlserver://h;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=***;keyStoreSecret=***;trustStorePassword=***;accessToken=***
          jdbc:h2:mem:x;MODE=PostgreSQL;PASSWORD=p4 | jdbc:h2:mem:x;MODE=PostgreSQL;PASSWORD=***
          jdbc:mysql://user:p5@h/db | jdbc:mysql://user:***@h/db
          jdbc:sqlserver://h:1433;databaseName=d | jdbc:sqlserver://h:1433;databaseName=d
          """)
  void masksEverySecretKeyOfEveryUrlStyle(String url, String masked) {
    assertEquals(masked, Secrets.redactUrl(url));
  }

  @Test
  void masksBraceQuotedValuesWithSemicolonsInside() {
    String url = "jdbc:sqlserver://h;password={a;b=c}};d};encrypt=true;user=u";
    String masked = Secrets.redactUrl(url);
    assertEquals("jdbc:sqlserver://h;password=***;encrypt=true;user=u", masked);
    for (String part : new String[] {"a", "b=c", "d}"}) {
      assertFalse(masked.contains(";" + part), masked);
    }
  }

  @Test
  void splitsSecretsOffTheUrl() {
    Secrets.UrlSecrets sqlServer =
        Secrets.splitUrl("jdbc:sqlserver://h;password={a;b=c}};d};keyStoreSecret=k1;encrypt=true");
    assertEquals("jdbc:sqlserver://h;encrypt=true", sqlServer.url());
    assertEquals(Map.of("password", "a;b=c};d", "keyStoreSecret", "k1"), sqlServer.secrets());

    Secrets.UrlSecrets postgres =
        Secrets.splitUrl("jdbc:postgresql://h/db?password=p%26q&ssl=true&accessToken=t");
    assertEquals("jdbc:postgresql://h/db?ssl=true", postgres.url());
    assertEquals(Map.of("password", "p&q", "accessToken", "t"), postgres.secrets());

    assertEquals("jdbc:mariadb://h/db", Secrets.splitUrl("jdbc:mariadb://h/db?password=x").url());
    assertEquals(
        "jdbc:mariadb://h/db?a=1",
        Secrets.splitUrl("jdbc:mariadb://h/db?password=x&pwd=y&a=1").url());
    assertEquals("jdbc:h2:mem:x", Secrets.splitUrl("jdbc:h2:mem:x;PASSWORD=p").url());
  }

  @Test
  void theInlinePasswordWinsAndOtherSecretsBecomeProperties() {
    Properties props =
        Secrets.connectionProperties(
            Secrets.splitUrl("jdbc:sqlserver://h;Password={x;y};keyStoreSecret=k"),
            "u",
            "from-env");
    assertEquals("u", props.getProperty("user"));
    assertEquals("x;y", props.getProperty("password"));
    assertEquals("k", props.getProperty("keyStoreSecret"));
  }

  @Test
  void jdbcDisplayDataHoldsNoSecret() {
    JdbcIO.DataSourceConfiguration config =
        Secrets.dataSource(
            "org.postgresql.Driver",
            "jdbc:postgresql://h/db?password=Pw-1&sslpassword=Pw-2",
            "u",
            "Pw-3");
    JdbcIO.Read<String> read =
        JdbcIO.<String>read()
            .withDataSourceConfiguration(config)
            .withQuery("SELECT 1")
            .withRowMapper(rs -> "x");
    String shown = DisplayData.from(read).toString();
    assertTrue(shown.contains("jdbc:postgresql://h/db"), shown);
    for (String secret : new String[] {"Pw-1", "Pw-2", "Pw-3"}) {
      assertFalse(shown.contains(secret), secret + " in " + shown);
    }
  }

  @Test
  void aSemicolonInAnotherSecretCannotReachThePool() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                Secrets.dataSource(
                    "com.microsoft.sqlserver.jdbc.SQLServerDriver",
                    "jdbc:sqlserver://h;keyStoreSecret={k;1}",
                    "u",
                    null));
    assertTrue(e.getMessage().contains("--sourceUrl"), e.getMessage());
    assertFalse(e.getMessage().contains("k;1"), e.getMessage());
  }
}
