package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.verify.VerifyFinding;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sliced verify sees only its slice of a table that holds the whole dataset, and its repair
 * touches only that: damage inside and outside the slice, the sliced verify reports only the
 * inside, its repair mends only that (counted in the run report), and a full verify then finds
 * exactly the outside damage, untouched. For an id slice, a --tables slice and a date slice. A
 * repair never deletes an item whose source row the run rejected.
 */
class ScopedVerifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 1_500, 17);

  @Test
  void idSliceVerifiesAndRepairsOnlyItsTickets(@TempDir Path out) throws Exception {
    String prefix = migrated(out);
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);
    assertEquals(0, verify(prefix, out, "clean", "--minTicketId=1", "--maxTicketId=100").exit());

    try (DynamoDbClient client = client()) {
      setPrice(client, tickets, 50);
      setPrice(client, tickets, 60);
      putStrayTransfer(client, tickets, 70);
      setPrice(client, tickets, 500);
      putStrayTransfer(client, tickets, 800);
    }
    Set<String> inside =
        Set.of(
            "DIFFERENT TICKET#50 | TICKET",
            "DIFFERENT TICKET#60 | TICKET",
            "EXTRA " + stray(70),
            "TRANSFER_MISMATCH TICKET#70");
    Set<String> outside =
        Set.of(
            "DIFFERENT TICKET#500 | TICKET", "EXTRA " + stray(800), "TRANSFER_MISMATCH TICKET#800");

    Run sliced = verify(prefix, out, "sliced", "--minTicketId=1", "--maxTicketId=100");
    assertEquals(3, sliced.exit(), sliced.output());
    assertEquals(inside, findings(out, "sliced"), sliced.output());

    Run repair = verify(prefix, out, "repair", "--minTicketId=1", "--maxTicketId=100", "--repair");
    assertEquals(3, repair.exit(), repair.output());
    JsonNode report = report(out, "repair");
    assertEquals(
        2, report.path("items_written").path(tickets + ".TICKET").asLong(), repair.output());
    assertEquals(
        1, report.path("items_deleted").path(tickets + ".TRANSFER").asLong(), repair.output());
    assertTrue(repair.stdout().contains("repair put 2 items and deleted 1"), repair.output());

    assertEquals(0, verify(prefix, out, "after", "--minTicketId=1", "--maxTicketId=100").exit());
    Run full = verify(prefix, out, "full");
    assertEquals(3, full.exit(), full.output());
    assertEquals(outside, findings(out, "full"), full.output());
  }

  @Test
  void tablesSliceVerifiesAndRepairsOnlyItsEntities(@TempDir Path out) throws Exception {
    String prefix = migrated(out);
    String config = TargetTable.CONFIG.tableName(prefix);
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);
    String[] slice = {"--tables=person,sport_team"};
    assertEquals(0, verify(prefix, out, "clean", slice).exit());

    try (DynamoDbClient client = client()) {
      Damage.set(
          client, config, "PERSON#5", "PROFILE", "full_name", AttributeValue.fromS("Changed Name"));
      Damage.putExtraPerson(client, config, "PERSON#99999999");
      Damage.set(client, config, "LOCATION", "1", "city", AttributeValue.fromS("Elsewhere"));
      setPrice(client, tickets, 7);
    }
    Run sliced = verify(prefix, out, "sliced", slice);
    assertEquals(3, sliced.exit(), sliced.output());
    assertEquals(
        Set.of("DIFFERENT PERSON#5 | PROFILE", "EXTRA PERSON#99999999 | PROFILE"),
        findings(out, "sliced"),
        sliced.output());

    assertEquals(3, verify(prefix, out, "repair", "--tables=person,sport_team", "--repair").exit());
    assertEquals(0, verify(prefix, out, "after", slice).exit());
    assertFullVerifyFinds(
        prefix, out, Set.of("DIFFERENT LOCATION | 1", "DIFFERENT TICKET#7 | TICKET"));
  }

  @Test
  void dateSliceVerifiesAndRepairsOnlyItsEventsTickets(@TempDir Path out) throws Exception {
    String prefix = migrated(out);
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);
    // the first event's date is the slice; a ticket of it, and one of an event on a later date
    String from;
    String to;
    long insideTicket;
    long outsideTicket;
    try (Connection c = env.source().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(MIN(e.start_date_time) AS DATE) FROM "
                    + env.source().table("sporting_event")
                    + " e")) {
      rs.next();
      from = rs.getDate(1).toLocalDate().toString();
      to = rs.getDate(1).toLocalDate().plusDays(1).toString();
      insideTicket = firstTicket(s, "CAST(e.start_date_time AS DATE) = DATE '" + from + "'");
      outsideTicket = firstTicket(s, "CAST(e.start_date_time AS DATE) >= DATE '" + to + "'");
    }
    String[] slice = {
      "--eventDateFrom=" + from,
      "--eventDateTo=" + to,
      "--tables=sporting_event_ticket,ticket_purchase_hist"
    };
    assertEquals(0, verify(prefix, out, "clean", slice).exit());

    try (DynamoDbClient client = client()) {
      setPrice(client, tickets, insideTicket);
      setPrice(client, tickets, outsideTicket);
    }
    Run sliced = verify(prefix, out, "sliced", slice);
    assertEquals(3, sliced.exit(), sliced.output());
    assertEquals(
        Set.of("DIFFERENT TICKET#" + insideTicket + " | TICKET"),
        findings(out, "sliced"),
        sliced.output());

    List<String> repair = new ArrayList<>(List.of(slice));
    repair.add("--repair");
    assertEquals(3, verify(prefix, out, "repair", repair.toArray(new String[0])).exit());
    assertFullVerifyFinds(prefix, out, Set.of("DIFFERENT TICKET#" + outsideTicket + " | TICKET"));
  }

  @Test
  void repairKeepsItemsWhoseSourceRowsWereRejected(@TempDir Path out) throws Exception {
    String prefix = migrated(out);
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);
    String updateTable = env.source().table("sporting_event_ticket");
    java.math.BigDecimal price;
    try (Connection c = env.source().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT ticket_price FROM " + updateTable + " WHERE id = 30")) {
      rs.next();
      price = rs.getBigDecimal(1);
    }
    env.source().exec("UPDATE " + updateTable + " SET ticket_price = -5 WHERE id = 30");
    try {
      Run repair =
          verify(prefix, out, "repair", "--minTicketId=1", "--maxTicketId=100", "--repair");
      assertEquals(3, repair.exit(), repair.output());
      Set<String> found = findings(out, "repair");
      assertTrue(found.contains("EXTRA TICKET#30 | TICKET"), found.toString());
      assertTrue(found.contains("KEPT TICKET#30 | TICKET"), found.toString());
      assertTrue(
          repair.stdout().contains("kept 1 extra items whose source rows were rejected"),
          repair.output());
      try (DynamoDbClient client = client()) {
        assertTrue(
            client
                .getItem(b -> b.tableName(tickets).key(Damage.key("TICKET#30", "TICKET")))
                .hasItem(),
            "the rejected ticket's item was deleted");
      }
    } finally {
      env.source()
          .exec("UPDATE " + updateTable + " SET ticket_price = " + price + " WHERE id = 30");
    }
    assertEquals(0, verify(prefix, out, "after", "--minTicketId=1", "--maxTicketId=100").exit());
  }

  private static long firstTicket(Statement s, String eventCondition) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT MIN(t.id) FROM "
                + env.source().table("sporting_event_ticket")
                + " t JOIN "
                + env.source().table("sporting_event")
                + " e ON e.id = t.sporting_event_id WHERE "
                + eventCondition)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A fresh prefix holding the whole dataset. */
  private static String migrated(Path out) {
    String prefix = "scoped_" + System.nanoTime() + "_";
    Run migrate = env.migrate(prefix, out);
    assertEquals(0, migrate.exit(), migrate.output());
    return prefix;
  }

  private static Run verify(String prefix, Path out, String runId, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--mode=VERIFY",
                "--runId=" + runId,
                "--reportPath=" + out.resolve(runId + "-report.json")));
    args.addAll(List.of(extra));
    return env.migrate(prefix, out, args.toArray(new String[0]));
  }

  /** This run's findings as {@code KIND key}. */
  /** A verify run over everything finds {@code expected} only. */
  private static void assertFullVerifyFinds(String prefix, Path out, Set<String> expected)
      throws Exception {
    Run full = verify(prefix, out, "full");
    assertEquals(expected, findings(out, "full"), full.output());
  }

  private static Set<String> findings(Path out, String runId) throws Exception {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(out.resolve("verify"))) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().startsWith("findings-" + runId + "-"))
              .toList()) {
        for (String line : Files.readAllLines(f)) {
          VerifyFinding finding = VerifyFinding.fromJsonLine(line);
          found.add(finding.kind() + " " + finding.key());
        }
      }
    }
    return found;
  }

  private static JsonNode report(Path out, String runId) throws Exception {
    return JSON.readTree(out.resolve(runId + "-report.json").toFile());
  }

  private static DynamoDbClient client() {
    return DynamoTarget.local(env.dynamo().endpoint()).newClient();
  }

  private static void setPrice(DynamoDbClient client, String table, long ticket) {
    Damage.set(
        client, table, "TICKET#" + ticket, "TICKET", "ticket_price", AttributeValue.fromN("0.01"));
  }

  private static String stray(long ticket) {
    return "TICKET#" + ticket + " | TRANSFER#2000-01-01T00:00:00#1";
  }

  /** A transfer item no history row stands for, in the layout a real one has. */
  private static void putStrayTransfer(DynamoDbClient client, String table, long ticket) {
    Map<String, AttributeValue> item =
        dev.ticketmigration.schemas.TicketItemBuilder.transferItem(
            Long.toString(ticket), "1", "1", "1", "2000-01-01T00:00:00", "1");
    client.putItem(b -> b.tableName(table).item(item));
  }
}
