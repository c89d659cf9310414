package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rows that break the rules, on a copy of the source without constraints: each either migrates
 * correctly or becomes a dead letter with its reason, the run never fails on a row, and the counts
 * reconcile (rows read = rows that became items + rows rejected).
 */
class BadDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Dynalite dynamo;

  @BeforeAll
  static void start() {
    dynamo = Dynalite.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = TestSource.Kind.class,
      names = {"H2", "POSTGRESQL"})
  void everyBadRowIsMigratedOrDeadLettered(TestSource.Kind kind, @TempDir Path out)
      throws Exception {
    try (TestSource source = TestSource.create(kind).generate(600, 5)) {
      String relaxed = "r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      copyWithoutConstraints(source, relaxed);
      insertBadRows(source, relaxed);

      String prefix =
          "baddata_" + kind.name().toLowerCase(Locale.ROOT) + "_" + System.nanoTime() + "_";
      Path report = out.resolve("report.json");
      Run run =
          Run.migrate(
              source,
              dynamo.endpoint(),
              prefix,
              out,
              "--sourceSchema=" + relaxed,
              "--maxRejectedRows=-1",
              "--reportPath=" + report);
      assertEquals(0, run.exit(), run.output());

      Map<String, String> reasons = deadLetters(out.resolve("dead-letters"));
      assertReasons(
          reasons,
          """
          sporting_event_ticket id=900001 | ticket_price is NULL
          ticket_purchase_hist sporting_event_ticket_id=900099 | does not exist
          sporting_event_ticket id=900002 | share the key
          sporting_event_ticket id=900004 | no ticketholder_id
          sporting_event_ticket id=900005 | outside 0..214748.3647
          sporting_event_ticket id=900006 | outside 0..214748.3647
          sporting_event_ticket id=900007 | over DynamoDB's item limit
          sporting_event_ticket id=900008 | sporting_event 999999 does not exist
          sport_type name= | empty SK
          person id=900002 | different source rows
          person id=900003 | duplicate source row
          sporting_event id=900001 | home_team_id 999999 is not a sport_team
          """);

      String tickets = TargetTable.TICKET_SALES.tableName(prefix);
      String config = TargetTable.CONFIG.tableName(prefix);
      try (DynamoDbClient client = DynamoTarget.local(dynamo.endpoint()).newClient()) {
        Map<String, AttributeValue> holderNoHistory =
            get(client, tickets, "TICKET#900003", "TICKET");
        assertEquals("SOLD", holderNoHistory.get("status").s());
        assertEquals("0", holderNoHistory.get("purchase_count").n());
        assertEquals(
            UNICODE_NAME, get(client, config, "PERSON#900001", "PROFILE").get("full_name").s());
        assertEquals("1###", get(client, config, "SEAT#1", "1###").get("SK").s());
        assertEquals(
            "Same Person", get(client, config, "PERSON#900003", "PROFILE").get("full_name").s());
        assertTrue(get(client, config, "PERSON#900002", "PROFILE").isEmpty());
        assertTrue(get(client, tickets, "TICKET#900007", "TICKET").isEmpty());

        // nothing lost: every row read became (part of) an item or a dead letter
        JsonNode counts = JSON.readTree(report.toFile());
        long historyInItems = sumPurchaseCounts(client, tickets);
        assertEquals(
            counts.at("/rows_read/ticket_purchase_hist").asLong(),
            historyInItems + counts.at("/rows_rejected/ticket_purchase_hist").asLong(),
            run.stdout());
        assertEquals(
            counts.at("/rows_read/sporting_event_ticket").asLong(),
            counts.path("items_written").path(tickets + ".TICKET").asLong()
                + counts.at("/rows_rejected/sporting_event_ticket").asLong());
        assertEquals(
            counts.at("/rows_read/person").asLong(),
            counts.path("items_written").path(config + ".PERSON").asLong()
                + counts.at("/rows_rejected/person").asLong());
        assertEquals(0, counts.at("/rows_read/player").asLong(), "player was emptied");
        assertFalse(counts.path("items_written").has(config + ".PLAYER"));
        assertTrue(counts.path("items_written").path(config + ".PERSON").asLong() > 0);
        assertEquals(reasons.size(), counts.at("/rows_rejected_total").asLong());
      }

      // the same data with the default --maxRejectedRows=0 fails the run with exit code 4
      Run strict =
          Run.migrate(
              source, dynamo.endpoint(), prefix, out, "--sourceSchema=" + relaxed, "--reportPath=");
      assertEquals(4, strict.exit(), strict.output());
      assertTrue(strict.stderr().contains("--maxRejectedRows"), strict.stderr());
    }
  }

  static final String UNICODE_NAME = "Zoë \u0001\t\"quoted\" 🎟 ";

  private static void copyWithoutConstraints(TestSource source, String relaxed) throws Exception {
    List<String> sql = source.copySql(relaxed);
    String dropNotNull = source.dialect() == Dialect.H2 ? " SET NULL" : " DROP NOT NULL";
    sql.add(
        "ALTER TABLE "
            + relaxed
            + ".sporting_event_ticket ALTER COLUMN ticket_price"
            + dropNotNull);
    sql.add("DELETE FROM " + relaxed + ".player");
    source.exec(sql.toArray(new String[0]));
  }

  private static void insertBadRows(TestSource source, String s) throws Exception {
    String ticket =
        "INSERT INTO "
            + s
            + ".sporting_event_ticket (id, sporting_event_id,"
            + " sport_location_id, seat_level, seat_section, seat_row, seat, ticketholder_id,"
            + " ticket_price) SELECT %d, %s, location_id, 1, 'A', '1', '%d', %s, %s FROM "
            + s
            + ".sporting_event WHERE id = 1";
    source.exec(
        String.format(ticket, 900001, "1", 1, "NULL", "NULL"),
        String.format(ticket, 900002, "1", 2, "1", "10"),
        String.format(ticket, 900003, "1", 3, "2", "10"),
        String.format(ticket, 900004, "1", 4, "NULL", "10"),
        String.format(ticket, 900005, "1", 5, "NULL", "-1"),
        String.format(ticket, 900006, "1", 6, "NULL", "300000"),
        String.format(ticket, 900007, "1", 7, "3", "10"),
        String.format(ticket, 900008, "999999", 8, "NULL", "10"),
        "INSERT INTO " + s + ".person (id, full_name) VALUES (900002, 'One Name')",
        "INSERT INTO " + s + ".person (id, full_name) VALUES (900002, 'Other Name')",
        "INSERT INTO " + s + ".person (id, full_name) VALUES (900003, 'Same Person')",
        "INSERT INTO " + s + ".person (id, full_name) VALUES (900003, 'Same Person')",
        "INSERT INTO " + s + ".sport_type (name, description) VALUES ('', 'empty key part')",
        "INSERT INTO "
            + s
            + ".seat (sport_location_id, seat_level, seat_section, seat_row, seat,"
            + " seat_type) VALUES (1, 1, '', '', '', 'standard')",
        "INSERT INTO "
            + s
            + ".sporting_event (id, sport_type_name, home_team_id, away_team_id,"
            + " location_id, start_date_time, start_date, sold_out) SELECT 900001,"
            + " sport_type_name, 999999, away_team_id, location_id, start_date_time, start_date,"
            + " 0 FROM "
            + s
            + ".sporting_event WHERE id = 1");
    try (Connection c = source.connect()) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO " + s + ".person (id, full_name) VALUES (900001, ?)")) {
        ps.setString(1, UNICODE_NAME);
        ps.executeUpdate();
      }
      String history =
          "INSERT INTO "
              + s
              + ".ticket_purchase_hist (sporting_event_ticket_id,"
              + " purchased_by_id, transaction_date_time, transferred_from_id, purchase_price)"
              + " VALUES (?, ?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(history)) {
        LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 10, 0, 0);
        addHistory(ps, 900099, 5, t0, null);
        addHistory(ps, 900002, 1, t0, null);
        addHistory(ps, 900002, 1, t0, null);
        addHistory(ps, 900004, 4, t0, null);
        // a history far beyond DynamoDB's 400 KB item limit
        for (int i = 0; i < 6_000; i++) {
          addHistory(ps, 900007, 3, t0.plusSeconds(i), i == 0 ? null : 3L);
        }
        ps.executeBatch();
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  private static void addHistory(
      PreparedStatement ps, long ticket, long by, LocalDateTime at, Long from) throws Exception {
    ps.setLong(1, ticket);
    ps.setLong(2, by);
    ps.setTimestamp(3, Timestamp.valueOf(at));
    if (from == null) {
      ps.setNull(4, java.sql.Types.BIGINT);
    } else {
      ps.setLong(4, from);
    }
    ps.setBigDecimal(5, new java.math.BigDecimal("12.3400"));
    ps.addBatch();
  }

  /** Dead letters by "table key" (the last reason wins; a ticket's rows share one). */
  private static Map<String, String> deadLetters(Path dir) throws Exception {
    Map<String, String> reasons = new HashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
    }
    int lines = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        JsonNode letter = JSON.readTree(line);
        assertTrue(letter.get("row").isObject(), line);
        reasons.put(
            letter.get("source_table").asText()
                + " "
                + letter.get("source_key").asText()
                + "#"
                + lines++,
            letter.get("reason").asText());
      }
    }
    return reasons;
  }

  /** {@link #assertReason} for each {@code key | reason} line of {@code expected}. */
  private static void assertReasons(Map<String, String> reasons, String expected) {
    for (String line : expected.lines().toList()) {
      String[] keyAndReason = line.split(" \\| ", 2);
      assertReason(reasons, keyAndReason[0], keyAndReason[1]);
    }
  }

  private static void assertReason(Map<String, String> reasons, String key, String reason) {
    boolean found =
        reasons.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(key + "#") || e.getKey().startsWith(key + ","))
            && reasons.entrySet().stream()
                .filter(e -> e.getKey().startsWith(key + "#") || e.getKey().startsWith(key + ","))
                .allMatch(e -> e.getValue().contains(reason));
    assertTrue(
        found,
        key
            + " should be dead-lettered with '"
            + reason
            + "'; dead letters: "
            + reasons.entrySet().stream()
                .filter(e -> e.getKey().startsWith(key.split(" ")[0]))
                .limit(20)
                .toList());
  }

  private static Map<String, AttributeValue> get(
      DynamoDbClient client, String table, String pk, String sk) {
    return client
        .getItem(
            b ->
                b.tableName(table)
                    .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))))
        .item();
  }

  private static long sumPurchaseCounts(DynamoDbClient client, String table) {
    return client.scanPaginator(b -> b.tableName(table)).items().stream()
        .filter(i -> "TICKET".equals(i.get("entity").s()))
        .mapToLong(i -> Long.parseLong(i.get("purchase_count").n()))
        .sum();
  }
}
