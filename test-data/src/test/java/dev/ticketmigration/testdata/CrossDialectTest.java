package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ticketmigration.schemas.SourceTable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The same settings give the same rows on H2, PostgreSQL and MariaDB, whatever the JVM's time zone.
 * The reference is loaded into H2 in UTC; the three databases are then loaded in New York's zone,
 * where some generated transaction times (2026-03-08 02:30) do not exist on local clocks, so a
 * value passed through {@code java.sql.Timestamp} would come out shifted.
 */
class CrossDialectTest {
  private static final Dialect[] DIALECTS = {Dialect.H2, Dialect.POSTGRESQL, Dialect.MARIADB};
  private static final int DIFFERENCES_SHOWN = 5;

  @Test
  void everyTableHasTheSameRowsOnEveryDatabase() throws SQLException {
    DataGenerator generator = TestData.small(42);
    TimeZone machineZone = TimeZone.getDefault();
    List<ScratchDatabase> databases = new ArrayList<>();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ScratchDatabase reference = load(Dialect.H2, generator, databases);
      Map<String, String> expected =
          TableDigest.digestAll(reference.connection, reference.dialect, reference.schema);

      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      for (Dialect dialect : DIALECTS) {
        ScratchDatabase db = load(dialect, generator, databases);
        Map<String, String> actual = TableDigest.digestAll(db.connection, dialect, db.schema);
        for (SourceTable table : SourceTable.values()) {
          if (!expected.get(table.tableName()).equals(actual.get(table.tableName()))) {
            fail(
                dialect
                    + " (New York time) differs from H2 (UTC) in "
                    + table.tableName()
                    + ":\n"
                    + differences(reference, db, table));
          }
        }
      }
    } finally {
      TimeZone.setDefault(machineZone);
      for (ScratchDatabase db : databases) {
        db.close();
      }
    }
  }

  private static ScratchDatabase load(
      Dialect dialect, DataGenerator generator, List<ScratchDatabase> opened) throws SQLException {
    ScratchDatabase db = ScratchDatabase.open(dialect);
    opened.add(db);
    assertEquals(generator.ticketCount(), db.load(generator).tickets(), dialect.name());
    return db;
  }

  /** The first rows only one side has. */
  private static String differences(
      ScratchDatabase expected, ScratchDatabase actual, SourceTable table) throws SQLException {
    List<String> expectedRows =
        TableDigest.rows(expected.connection, expected.dialect, expected.schema, table);
    List<String> actualRows =
        TableDigest.rows(actual.connection, actual.dialect, actual.schema, table);
    List<String> missing = new ArrayList<>(expectedRows);
    missing.removeAll(actualRows);
    List<String> extra = new ArrayList<>(actualRows);
    extra.removeAll(expectedRows);
    return "rows "
        + expectedRows.size()
        + " vs "
        + actualRows.size()
        + "\n  only in the reference: "
        + missing.subList(0, Math.min(DIFFERENCES_SHOWN, missing.size()))
        + "\n  only in "
        + actual.dialect
        + ": "
        + extra.subList(0, Math.min(DIFFERENCES_SHOWN, extra.size()));
  }
}
