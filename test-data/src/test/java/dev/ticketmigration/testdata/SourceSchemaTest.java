package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.SourceTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SourceSchemaTest {
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE dms_sample\\.(\\w+) \\((.*)\\)[^)]*", Pattern.DOTALL);

  /** Also covers SQL Server's DDL, which no server here can run. */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void ddlDeclaresEveryTableWithItsColumnsInOrder(Dialect dialect) {
    List<String> tables = new ArrayList<>();
    for (String statement : SourceSchema.statements(dialect, "dms_sample")) {
      assertFalse(statement.contains("${"), statement);
      assertFalse(statement.endsWith(";"), statement);
      Matcher create = CREATE_TABLE.matcher(statement);
      if (!create.matches()) {
        assertTrue(statement.startsWith("CREATE INDEX "), statement);
        continue;
      }
      SourceTable table = SourceTable.valueOf(create.group(1).toUpperCase(Locale.ROOT));
      List<String> columns =
          Arrays.stream(create.group(2).split("\n"))
              .map(String::strip)
              .filter(line -> line.matches("[a-z_]+ +[A-Z].*"))
              .map(line -> line.substring(0, line.indexOf(' ')))
              .toList();
      assertEquals(table.columnNames(), columns, dialect + " " + table);
      tables.add(table.tableName());
    }
    assertEquals(Arrays.stream(SourceTable.values()).map(SourceTable::tableName).toList(), tables);
  }

  @Test
  void createsAndDropsTheTablesInANamedSchema() throws SQLException {
    try (ScratchDatabase db = ScratchDatabase.open(Dialect.H2)) {
      SourceSchema.create(db.connection, db.dialect, db.schema);
      try (Statement statement = db.connection.createStatement()) {
        for (SourceTable table : SourceTable.values()) {
          try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + db.table(table))) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), table.tableName());
          }
        }
      }
      assertThrows(
          SQLException.class,
          () -> SourceSchema.create(db.connection, db.dialect, db.schema),
          "create must not silently reuse existing tables");

      SourceSchema.drop(db.connection, db.dialect, db.schema);
      assertEquals(List.of(), tablesIn(db));
      SourceSchema.drop(db.connection, db.dialect, db.schema); // nothing left: still fine
      SourceSchema.create(db.connection, db.dialect, db.schema); // the schema exists: still fine
      assertEquals(SourceTable.values().length, tablesIn(db).size());
    }
  }

  private static List<String> tablesIn(ScratchDatabase db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        db.connection
            .getMetaData()
            .getTables(null, db.schema.toUpperCase(Locale.ROOT), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
