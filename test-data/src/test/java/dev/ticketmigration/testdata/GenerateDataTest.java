package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GenerateDataTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void createsAndFillsASchema() throws SQLException {
    // DB_CLOSE_DELAY keeps the in-memory database after the command's connection closes.
    String url =
        "jdbc:h2:mem:gd_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    try (Connection connection = DriverManager.getConnection(url)) {
      assertEquals(
          0,
          run(
              "--url",
              url,
              "--schema",
              "dms_sample",
              "--tickets",
              "2000",
              "--seed",
              "5",
              "--create"),
          err.toString(StandardCharsets.UTF_8));
      long expected = DataGenerator.forTickets(2000, 5).ticketCount();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT COUNT(*) FROM dms_sample.sporting_event_ticket")) {
        assertTrue(rs.next());
        assertEquals(expected, rs.getLong(1));
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("sporting_event_ticket"), printed);
      assertTrue(printed.contains("rows/s"), printed);

      // --drop --create starts over on the same schema.
      assertEquals(
          0,
          run("--url", url, "--schema", "dms_sample", "--tickets", "2000", "--drop", "--create"),
          err.toString(StandardCharsets.UTF_8));
      try (Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
  }

  @Test
  void badArgumentsPrintTheUsage() throws SQLException {
    assertEquals(2, run("--tickets", "1000"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url is required"));
    assertEquals(2, run("--url", "jdbc:h2:mem:x", "--schema", "bad name"));
    assertEquals(2, run("--url", "jdbc:h2:mem:x", "--tickets", "lots"));
    assertEquals(2, run("--url", "jdbc:h2:mem:x", "--tickets", "10"));
    assertEquals(2, run("--url", "jdbc:h2:mem:x", "--password-env", "TD_SURELY_UNSET_VARIABLE"));
    assertEquals(2, run("--url", "jdbc:db2://x"));
    assertEquals(2, run("--frobnicate"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: generate"));
  }

  private int run(String... args) throws SQLException {
    return GenerateData.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
