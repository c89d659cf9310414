package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A source that cannot be followed fails with one line naming what to enable. */
class ChangeLogFailuresTest {
  /** The machine's own server: wal_level=replica, only read here. */
  private static final String MACHINE_URL =
      System.getProperty("td.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");

  @RegisterExtension static final PrivatePostgresExtension SERVER = new PrivatePostgresExtension();
  @TempDir Path offsets;

  @Test
  void aServerWithoutALogicalChangeLogNamesTheSettingAndIsLeftUntouched() throws Exception {
    String name = "cl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ChangeLogReader reader =
        ChangeLogReader.builder()
            .jdbcUrl(MACHINE_URL)
            .user("postgres")
            .slotName(name)
            .publicationName(name)
            .offsetDirectory(offsets)
            .build();

    ChangeLogException e = assertThrows(ChangeLogException.class, reader::start);

    assertTrue(e.getMessage().contains("wal_level=replica"), e.getMessage());
    assertTrue(e.getMessage().contains("needs wal_level=logical"), e.getMessage());
    try (Connection connection = DriverManager.getConnection(MACHINE_URL, "postgres", "")) {
      assertEquals(0, count(connection, "pg_replication_slots", "slot_name", name));
      assertEquals(0, count(connection, "pg_publication", "pubname", name));
    }
  }

  @Test
  void aSlotHeldByAnotherConsumerIsNamed() throws Exception {
    try (TestSource source = TestSource.create(SERVER.get());
        ChangeLogReader first = source.reader(offsets.resolve("first")).build()) {
      first.start();
      ChangeLogReader second =
          source.reader(offsets.resolve("second")).slotWaitTimeout(Duration.ofMillis(500)).build();

      ChangeLogException e = assertThrows(ChangeLogException.class, second::start);

      assertTrue(
          e.getMessage()
              .startsWith("replication slot '" + source.slot() + "' is in use by another"),
          e.getMessage());
      assertTrue(e.getMessage().contains("choose another slot name"), e.getMessage());
    }
  }

  @Test
  void aUserWithoutTheReplicationPrivilegeIsToldTheGrant() throws Exception {
    try (TestSource source = TestSource.create(SERVER.get());
        Statement statement = source.connection.createStatement()) {
      String user = source.schema + "_reader";
      statement.execute("CREATE ROLE " + user + " LOGIN");
      try {
        ChangeLogReader reader = source.reader(offsets).user(user).build();

        ChangeLogException e = assertThrows(ChangeLogException.class, reader::start);

        assertTrue(
            e.getMessage().contains("ALTER ROLE " + user + " WITH REPLICATION"), e.getMessage());
      } finally {
        statement.execute("DROP ROLE " + user);
      }
    }
  }

  @Test
  void aDamagedPositionFileStopsTheStartInsteadOfStartingOver() throws Exception {
    try (TestSource source = TestSource.create(SERVER.get())) {
      Files.writeString(offsets.resolve(source.slot() + ".offsets"), "not a position\n");
      ChangeLogReader reader = source.reader(offsets).build();

      ChangeLogException e = assertThrows(ChangeLogException.class, reader::start);

      assertTrue(
          e.getMessage().endsWith("is damaged: remove it to start again from the slot's position"),
          e.getMessage());
    }
  }

  @Test
  void aSchemaWithoutTheTablesIsNamed() {
    ChangeLogReader reader =
        ChangeLogReader.builder()
            .jdbcUrl(SERVER.get().jdbcUrl())
            .schema("no_such_schema")
            .slotName("cl_unused")
            .offsetDirectory(offsets)
            .build();

    ChangeLogException e = assertThrows(ChangeLogException.class, reader::start);

    assertTrue(
        e.getMessage()
            .startsWith("schema 'no_such_schema' lacks the DMS_SAMPLE table(s) sport_type"),
        e.getMessage());
  }

  @Test
  void theBuilderNamesWhatIsMissingOrWrong() {
    assertEquals(
        "offsetDirectory(...) is required: the folder where the read position survives restarts",
        assertThrows(
                IllegalStateException.class,
                () -> ChangeLogReader.builder().jdbcUrl(SERVER.get().jdbcUrl()).build())
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ChangeLogReader.builder()
                        .jdbcUrl("jdbc:oracle:thin:@//db:1521/ticketing?password=secret")
                        .offsetDirectory(offsets)
                        .build())
            .getMessage()
            .equals(
                "the change log is read from PostgreSQL, MySQL or SQL Server: expected a URL like"
                    + " jdbc:postgresql://host:5432/database, jdbc:mariadb://host:3306/database or"
                    + " jdbc:sqlserver://host:1433;databaseName=database, got"
                    + " 'jdbc:oracle:thin:@//db:1521/ticketing?…'"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ChangeLogReader.builder()
                        .jdbcUrl(SERVER.get().jdbcUrl())
                        .slotName("Sync-Slot")
                        .offsetDirectory(offsets)
                        .build())
            .getMessage()
            .startsWith("slotName 'Sync-Slot' must be"));
  }

  private static int count(Connection connection, String view, String column, String name)
      throws Exception {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM " + view + " WHERE " + column + " = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
