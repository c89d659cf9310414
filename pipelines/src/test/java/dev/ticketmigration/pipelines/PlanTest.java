package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.testdata.SourceSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's figures against a dataset small enough to compute by hand: 16 config items and 4
 * ticket_sales items, 40 write request units, one ticket over 400 KB, one key collision, and the
 * hottest partition keys. Nothing may be written to DynamoDB (the endpoint does not exist).
 */
class PlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void figuresMatchAHandComputedDataset(@TempDir Path out) throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.H2)) {
      try (Connection c = source.connect()) {
        SourceSchema.create(c, source.dialect(), null);
      }
      source.exec(
          "INSERT INTO sport_type VALUES ('baseball', '')",
          "INSERT INTO sport_league VALUES ('baseball', 'MLB', 'Major League Baseball', NULL)",
          "INSERT INTO sport_division VALUES ('baseball', 'MLB', 'AL East', 'American League East', NULL)",
          "INSERT INTO sport_location VALUES (1, 'Fenway Park', 'Boston', 37000, 2, 10)",
          "INSERT INTO sport_team VALUES (1, 'Boston Red Sox', 'BOS', 1, 'baseball', 'MLB', 'AL East')",
          "INSERT INTO sport_team VALUES (2, 'New York Yankees', 'NYY', NULL, 'baseball', 'MLB', 'AL East')",
          "INSERT INTO seat_type VALUES ('standard', 'Standard', 3)",
          "INSERT INTO seat VALUES (1, 1, 'A', '1', '1', 'standard')",
          "INSERT INTO seat VALUES (1, 1, 'A', '1', '2', 'standard')",
          "INSERT INTO seat VALUES (1, 1, 'A', '1', '3', 'standard')",
          "INSERT INTO seat VALUES (1, 1, 'A', '1', '4', 'standard')",
          // two different seats whose key parts contain '#': both map to SK 1#A#B#C#1
          "INSERT INTO seat VALUES (1, 1, 'A#B', 'C', '1', 'standard')",
          "INSERT INTO seat VALUES (1, 1, 'A', 'B#C', '1', 'standard')",
          "INSERT INTO player VALUES (1, 1, 'Ortiz', 'David', 'David Ortiz')",
          "INSERT INTO person VALUES (1, 'Ann Buyer', 'Buyer', 'Ann')",
          "INSERT INTO person VALUES (2, 'Bob Receiver', 'Receiver', 'Bob')",
          "INSERT INTO person VALUES (3, 'Cy Nobody', 'Nobody', 'Cy')",
          "INSERT INTO sporting_event VALUES (1, 'baseball', 1, 2, 1, TIMESTAMP '2026-05-01 19:05:00',"
              + " DATE '2026-05-01', 0)",
          "INSERT INTO sporting_event_ticket VALUES (1, 1, 1, 1, 'A', '1', '1', NULL, 45.5)",
          "INSERT INTO sporting_event_ticket VALUES (2, 1, 1, 1, 'A', '1', '2', 1, 45.5)",
          "INSERT INTO sporting_event_ticket VALUES (3, 1, 1, 1, 'A', '1', '3', 2, 45.5)",
          "INSERT INTO sporting_event_ticket VALUES (4, 1, 1, 1, 'A', '1', '4', 1, 45.5)",
          "INSERT INTO ticket_purchase_hist VALUES (2, 1, TIMESTAMP '2026-04-01 10:00:00', NULL, 45.5)",
          "INSERT INTO ticket_purchase_hist VALUES (3, 1, TIMESTAMP '2026-04-01 10:00:00', NULL, 45.5)",
          "INSERT INTO ticket_purchase_hist VALUES (3, 2, TIMESTAMP '2026-04-02 10:00:00', 1, 50)");
      try (Connection c = source.connect();
          PreparedStatement ps =
              c.prepareStatement("INSERT INTO ticket_purchase_hist VALUES (4, 1, ?, ?, 45.5)")) {
        // ticket 4: 6,000 history rows make its item far larger than 400 KB
        for (int i = 0; i < 6_000; i++) {
          ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(i)));
          ps.setObject(2, i == 0 ? null : 1);
          ps.addBatch();
        }
        ps.executeBatch();
      }

      Path planFile = out.resolve("plan.json");
      Run run =
          Run.migrate(
              source,
              "http://127.0.0.1:1",
              "plan_",
              out,
              "--mode=PLAN",
              "--planPath=" + planFile,
              "--maxRejectedRows=-1",
              "--writePricePerMillion=2.0",
              "--planWriteUnitsPerSecond=10");
      assertEquals(0, run.exit(), run.output());
      JsonNode plan = JSON.readTree(planFile.toFile());

      JsonNode config = plan.at("/tables/plan_config");
      JsonNode tickets = plan.at("/tables/plan_ticket_sales");
      // config: 16 items; each 1 unit in the table, +1 in GSI1 for the 12 named ones (not seats),
      // +1 in GSI2 for the location, +1 in GSI3 for each of the two teams
      assertEquals(3, config.at("/items/PERSON").asLong());
      assertEquals(4, config.at("/items/SEAT").asLong());
      assertEquals(2, config.at("/items/TEAM").asLong());
      assertEquals(16, sum(config.get("items")));
      assertEquals(31, sum(config.get("write_units")));
      assertEquals(2 * 3, config.at("/write_units/TEAM").asLong());
      assertEquals(4, config.at("/write_units/SEAT").asLong());
      // ticket_sales: AVAILABLE (GSI2), SOLD (GSI1), TRANSFERRED (GSI1) = 2 units each;
      // the transfer item (GSI3 + GSI4) = 3; ticket 4 is over 400 KB and not written
      assertEquals(3, tickets.at("/items/TICKET").asLong());
      assertEquals(1, tickets.at("/items/TRANSFER").asLong());
      assertEquals(6, tickets.at("/write_units/TICKET").asLong());
      assertEquals(3, tickets.at("/write_units/TRANSFER").asLong());
      assertEquals(40, plan.get("write_units_total").asLong());
      assertEquals(40 / 1e6 * 2.0, plan.get("on_demand_cost_usd").asDouble(), 1e-12);
      assertEquals(4, plan.get("estimated_write_seconds").asLong());

      long max = tickets.at("/item_size_bytes/max").asLong();
      assertTrue(max > 200 && max < 1024, "largest ticket_sales item " + max);
      assertTrue(tickets.at("/item_size_bytes/p50").asLong() <= max);

      assertEquals("TICKET#4 | TICKET", plan.at("/items_over_400kb/0/key").asText());
      assertEquals(1, plan.get("items_over_400kb").size());
      assertEquals(2, plan.at("/key_collisions/SEAT#1 | 1#A#B#C#1").asLong(), plan.toString());
      assertEquals(1, plan.get("key_collisions").size());
      assertEquals(2 + 1 + 6_000, plan.get("rows_rejected").asLong());

      assertHot(tickets, "table", "TICKET#3", 2);
      assertHot(tickets, "GSI1", "OWNER#1", 1);
      assertHot(tickets, "GSI2", "AVAILABLE#1#2026-05-01", 1);
      assertHot(tickets, "GSI3", "FROM#1", 1);
      assertHot(tickets, "GSI4", "TO#2", 1);
      assertHot(config, "table", "SEAT#1", 4);
      assertHot(config, "GSI2", "CITY#Boston", 1);
      assertHot(config, "GSI3", "ABBR#BOS", 1);
      assertTrue(run.stdout().contains("Plan (nothing written)"), run.stdout());
    }
  }

  private static void assertHot(JsonNode table, String space, String key, long items) {
    JsonNode top = table.at("/hot_partition_keys/" + space + "/0");
    assertEquals(key, top.get("key").asText(), table.toString());
    assertEquals(items, top.get("items").asLong());
  }

  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode n : counts) {
      total += n.asLong();
    }
    return total;
  }
}
