package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Slices that tile the source leave no row unread and read none twice, on a copy that stores the
 * ticket ids as DOUBLE PRECISION (as AWS's own PostgreSQL sample does) and holds a fractional id, a
 * NULL id, a ticket of a missing event and an orphan history row: over a set of id slices and over
 * a set of date slices, rows read add up to the rows in the tables, and each bad row is
 * dead-lettered exactly once. A slice of sporting_event without sport_team still names events.
 */
class SliceCoverageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 600, 23);

  private static String relaxed;
  private static long ticketRows;
  private static long historyRows;

  @BeforeAll
  static void setUp() throws Exception {
    relaxed = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    List<String> sql = env.source().copySql(relaxed);
    String tickets = relaxed + ".sporting_event_ticket";
    String history = relaxed + ".ticket_purchase_hist";
    sql.add("ALTER TABLE " + tickets + " ALTER COLUMN id TYPE DOUBLE PRECISION");
    sql.add(
        "ALTER TABLE " + history + " ALTER COLUMN sporting_event_ticket_id TYPE DOUBLE PRECISION");
    String copyOfTicket1 =
        "INSERT INTO "
            + tickets
            + " SELECT %s, %s, sport_location_id,"
            + " seat_level, seat_section, seat_row, seat || '%s', NULL, ticket_price FROM "
            + tickets
            + " WHERE id = 1";
    sql.add(String.format(copyOfTicket1, "100.5", "sporting_event_id", "f"));
    sql.add(String.format(copyOfTicket1, "NULL", "sporting_event_id", "n"));
    sql.add(String.format(copyOfTicket1, "5000", "999999", "m"));
    sql.add(
        "INSERT INTO "
            + history
            + " VALUES (100.5, 1, TIMESTAMP '2026-01-01 10:00:00', NULL,"
            + " 10)");
    sql.add(
        "INSERT INTO "
            + history
            + " VALUES (880088, 1, TIMESTAMP '2026-01-01 10:00:00', NULL,"
            + " 10)");
    env.source().exec(sql.toArray(new String[0]));
    ticketRows = count(tickets);
    historyRows = count(history);
  }

  @AfterAll
  static void tearDown() throws Exception {
    env.source().exec("DROP SCHEMA " + relaxed + " CASCADE");
  }

  @Test
  void idSlicesReadEveryRowOnce(@TempDir Path out) throws Exception {
    String prefix = "idslices_" + System.nanoTime() + "_";
    assertEveryRowReadOnce(
        List.of(
            slice(out, prefix, "a", "--maxTicketId=100"),
            slice(out, prefix, "b", "--minTicketId=101", "--maxTicketId=300"),
            slice(out, prefix, "c", "--minTicketId=301")));

    assertEachOnce(
        deadLetters(out),
        "sporting_event_ticket id=100.5",
        "ticket_purchase_hist 100.5",
        "sporting_event_ticket id=null",
        "sporting_event_ticket id=5000",
        "ticket_purchase_hist 880088");

    // the slices together are the whole migration
    Run verify =
        env.migrate(
            prefix,
            out,
            "--sourceSchema=" + relaxed,
            "--mode=VERIFY",
            "--tables=sporting_event_ticket,ticket_purchase_hist",
            "--reportPath=");
    assertEquals(0, verify.exit(), verify.output());
  }

  @Test
  void dateSlicesReadEveryRowOnceAndOwnTheRowsWithoutADate(@TempDir Path out) throws Exception {
    String prefix = "dateslices_" + System.nanoTime() + "_";
    String middle;
    try (Connection c = env.source().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(MAX(start_date_time) AS DATE) FROM " + relaxed + ".sporting_event")) {
      rs.next();
      middle = rs.getDate(1).toLocalDate().toString();
    }
    assertEveryRowReadOnce(
        List.of(
            slice(out, prefix, "early", "--eventDateTo=" + middle),
            slice(out, prefix, "late", "--eventDateFrom=" + middle)));
    assertEachOnce(
        deadLetters(out),
        "sporting_event_ticket id=5000",
        "ticket_purchase_hist 880088",
        "sporting_event_ticket id=null");
    // the rows without a known event date belong to the slice that is open below
    assertEachOnce(
        deadLetters(out, "dead-letters-early-"),
        "sporting_event_ticket id=5000",
        "ticket_purchase_hist 880088");
  }

  @Test
  void eventsAreNamedWithoutTheTeamTableInTheSlice(@TempDir Path out) throws Exception {
    String prefix = "events_" + System.nanoTime() + "_";
    Run run =
        env.migrate(
            prefix, out, "--tables=sporting_event", "--reportPath=" + out.resolve("events.json"));
    assertEquals(0, run.exit(), run.output());
    JsonNode report = JSON.readTree(out.resolve("events.json").toFile());
    assertEquals(0, report.path("rows_read").path("sport_team").asLong(), run.output());
    String config = TargetTable.CONFIG.tableName(prefix);
    try (DynamoDbClient client = DynamoTarget.local(env.dynamo().endpoint()).newClient()) {
      List<Map<String, AttributeValue>> items =
          client.scanPaginator(b -> b.tableName(config)).items().stream().toList();
      assertEquals(report.path("rows_read").path("sporting_event").asLong(), items.size());
      assertTrue(
          items.stream().allMatch(i -> i.get("name").s().contains(" at ")), items.toString());
    }
  }

  private static JsonNode slice(Path out, String prefix, String runId, String... bounds)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sourceSchema=" + relaxed,
                "--runId=" + runId,
                "--maxRejectedRows=-1",
                "--reportPath=" + out.resolve(runId + ".json"),
                "--readPartitions=3",
                "--tables=sporting_event_ticket,ticket_purchase_hist"));
    args.addAll(List.of(bounds));
    Run run = env.migrate(prefix, out, args.toArray(new String[0]));
    assertEquals(0, run.exit(), run.output());
    return JSON.readTree(out.resolve(runId + ".json").toFile());
  }

  /** The slices' reports together count every ticket and history row of the copy once. */
  private static void assertEveryRowReadOnce(List<JsonNode> reports) {
    assertEquals(ticketRows, sum(reports, "sporting_event_ticket"));
    assertEquals(historyRows, sum(reports, "ticket_purchase_hist"));
  }

  private static long sum(List<JsonNode> reports, String table) {
    return reports.stream().mapToLong(r -> r.path("rows_read").path(table).asLong()).sum();
  }

  /** How often each bad row was dead-lettered over all runs: "table key" → count. */
  /** Each of {@code keys} was dead-lettered exactly once. */
  private static void assertEachOnce(Map<String, Integer> letters, String... keys) {
    for (String key : keys) {
      assertEquals(1, letters.get(key), key + " in " + letters);
    }
  }

  private static Map<String, Integer> deadLetters(Path out) throws Exception {
    return deadLetters(out, "dead-letters-");
  }

  private static Map<String, Integer> deadLetters(Path out, String prefix) throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    try (Stream<Path> files = Files.list(out.resolve("dead-letters"))) {
      for (Path f :
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith(prefix)
                          && p.toString().endsWith(".jsonl"))
              .toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode letter = JSON.readTree(line);
          String table = letter.get("source_table").asText();
          String key =
              table.equals("ticket_purchase_hist")
                  ? letter.at("/row/sporting_event_ticket_id").asText()
                  : letter.get("source_key").asText();
          seen.merge(table + " " + key, 1, Integer::sum);
        }
      }
    }
    return seen;
  }

  private static long count(String table) throws Exception {
    try (Connection c = env.source().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
