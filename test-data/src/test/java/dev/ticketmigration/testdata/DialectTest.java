package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialectTest {

  @Test
  void recognisesEachDriversUrl() {
    assertEquals(
        Dialect.SQLSERVER, Dialect.fromJdbcUrl("jdbc:sqlserver://db:1433;databaseName=dms_sample"));
    assertEquals(Dialect.POSTGRESQL, Dialect.fromJdbcUrl("jdbc:postgresql://127.0.0.1/test"));
    assertEquals(Dialect.MARIADB, Dialect.fromJdbcUrl("jdbc:mariadb://127.0.0.1/test"));
    assertEquals(Dialect.MARIADB, Dialect.fromJdbcUrl("jdbc:mysql://127.0.0.1/test"));
    assertEquals(Dialect.H2, Dialect.fromJdbcUrl("jdbc:h2:mem:x"));
  }

  @Test
  void rejectsOtherUrlsNamingTheSupportedPrefixes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dialect.fromJdbcUrl("jdbc:oracle:thin:@db:1521/x"));
    assertTrue(e.getMessage().contains("jdbc:oracle:thin"), e.getMessage());
    assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    assertTrue(e.getMessage().contains("jdbc:mysql:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dialect.fromJdbcUrl(null));
  }

  @Test
  void qualifiesWithAnOptionalSchema() {
    assertEquals("dms_sample.sport_team", Dialect.POSTGRESQL.qualify("dms_sample", "sport_team"));
    assertEquals("sport_team", Dialect.MARIADB.qualify(null, "sport_team"));
    assertEquals("sport_team", Dialect.H2.qualify("", "sport_team"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dms sample", "x;drop table person", "1abc", "a-b", "\"quoted\"", "é"})
  void rejectsNamesThatAreNotPlainIdentifiers(String name) {
    assertThrows(IllegalArgumentException.class, () -> Dialect.H2.qualify(name, "person"));
    assertThrows(IllegalArgumentException.class, () -> Dialect.H2.qualify("dms_sample", name));
  }
}
