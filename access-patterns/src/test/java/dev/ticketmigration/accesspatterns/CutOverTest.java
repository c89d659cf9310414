package dev.ticketmigration.accesspatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.pipelines.Migrate;
import dev.ticketmigration.schemas.Attr;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * After cut-over the tool does not undo the application: the tables are marked, the application
 * sells a ticket through its write path, and a stray re-run of the migration slice holding that
 * ticket or a verify --repair refuses without writing, so the sale stands. A plain verify still
 * runs (and sees the sale as a difference). With --ignoreCutOver=true both write again, and do put
 * the source's state back: the override is real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CutOverTest {
  private static final String AT_TAG = "ticket-migration:cut-over-at";
  private static final String RUN_TAG = "ticket-migration:cut-over-run";
  private static final BigDecimal PRICE = new BigDecimal("75.5000");

  @RegisterExtension static final MigratedH2 env = new MigratedH2(300, 23);

  /** Unsold tickets in the source, in id order; each test sells its own. */
  private static List<Long> available;

  private static long buyer;
  private static String markedAt;

  @BeforeAll
  static void migrate() throws Exception {
    TestSource src = env.migrated().source();
    try (Connection c = src.connect()) {
      available =
          SqlRows.longs(
              c,
              "SELECT id FROM "
                  + src.table("sporting_event_ticket")
                  + " WHERE ticketholder_id IS NULL ORDER BY id");
      buyer = SqlRows.longs(c, "SELECT MAX(id) FROM " + src.table("person")).get(0);
    }
    assertTrue(available.size() >= 2, available.toString());
  }

  @Test
  @Order(1)
  void cutOverMarksBothTablesOnceWithWhenAndWhichRun() {
    MigratedSource.Output first = env.migrated().run("--mode=CUT_OVER", "--jobName=cut-over-test");
    assertEquals(0, first.exit(), first.text());
    for (String table : List.of(env.migrated().ticketSalesTable(), env.migrated().configTable())) {
      Map<String, String> tags = tags(table);
      markedAt = tags.get(AT_TAG);
      Instant.parse(markedAt);
      assertEquals("cut-over-test", tags.get(RUN_TAG));
      assertEquals(
          1, lines(first, table + ": marked cut over at " + markedAt).size(), first.text());
    }

    // idempotent: a second run keeps the first mark
    MigratedSource.Output again = env.migrated().run("--mode=CUT_OVER", "--jobName=cut-over-again");
    assertEquals(0, again.exit(), again.text());
    for (String table : List.of(env.migrated().ticketSalesTable(), env.migrated().configTable())) {
      assertEquals(
          1, lines(again, table + ": already cut over at " + markedAt).size(), again.text());
      assertEquals("cut-over-test", tags(table).get(RUN_TAG));
    }
  }

  @Test
  @Order(2)
  void aStraySliceOrRepairRefusesAndThePurchaseStands() {
    long ticket = available.get(0);
    buy(ticket);

    MigratedSource.Output slice =
        env.migrated().run("--minTicketId=" + (ticket - 1), "--maxTicketId=" + (ticket + 1));
    assertRefused(slice);
    assertSoldToBuyer(ticket);

    MigratedSource.Output repair = env.migrated().run("--mode=VERIFY", "--repair");
    assertRefused(repair);
    assertSoldToBuyer(ticket);

    // a plain verify writes nothing: it runs, and reports the sale as a difference
    MigratedSource.Output verify = env.migrated().run("--mode=VERIFY");
    assertEquals(Migrate.NOT_VERIFIED, verify.exit(), verify.text());
    assertTrue(verify.text().contains("NOT VERIFIED"), verify.text());
    assertFalse(verify.text().contains("error: target table"), verify.text());
    assertSoldToBuyer(ticket);
  }

  @Test
  @Order(3)
  void theOverrideWritesAndDoesOverwriteTheApplication() {
    long sliced = available.get(0);
    assertSoldToBuyer(sliced);
    MigratedSource.Output slice =
        env.migrated()
            .run("--minTicketId=" + sliced, "--maxTicketId=" + sliced, "--ignoreCutOver=true");
    assertEquals(0, slice.exit(), slice.text());
    assertEquals(
        1,
        lines(
                slice,
                "warning: target table "
                    + env.migrated().ticketSalesTable()
                    + " was cut over at "
                    + markedAt)
            .size(),
        slice.text());
    assertAvailableAgain(sliced);

    long repaired = available.get(1);
    buy(repaired);
    MigratedSource.Output repair =
        env.migrated().run("--mode=VERIFY", "--repair", "--ignoreCutOver=true");
    // verify reports the differences it repaired
    assertEquals(Migrate.NOT_VERIFIED, repair.exit(), repair.text());
    assertTrue(repair.text().contains("repair put 1 items"), repair.text());
    assertAvailableAgain(repaired);
  }

  private static void buy(long ticket) {
    assertEquals("AVAILABLE", env.ticketItem(ticket).get(Attr.STATUS).s());
    assertEquals(
        PurchaseOutcome.PURCHASED,
        env.sales().purchase(ticket, buyer, LocalDateTime.of(2027, 2, 1, 12, 0, 0), PRICE));
    assertSoldToBuyer(ticket);
  }

  /** Exit 2, one error line naming the ticket table, its mark and the override; no trace. */
  private static void assertRefused(MigratedSource.Output run) {
    assertEquals(Migrate.USAGE, run.exit(), run.text());
    List<String> errors = lines(run, "error: ");
    assertEquals(1, errors.size(), run.text());
    String line = errors.get(0);
    assertTrue(
        line.startsWith(
            "error: target table "
                + env.migrated().ticketSalesTable()
                + " was cut over at "
                + markedAt),
        line);
    assertTrue(line.contains("--ignoreCutOver=true"), line);
    assertFalse(run.text().contains("\tat "), run.text());
    assertFalse(run.text().contains("Migrating "), "the pipeline was not built: " + run.text());
  }

  private static void assertSoldToBuyer(long ticket) {
    Map<String, AttributeValue> item = env.ticketItem(ticket);
    assertEquals("SOLD", item.get(Attr.STATUS).s());
    assertEquals(buyer + "", item.get(Attr.OWNER_ID).n());
    assertEquals("1", item.get(Attr.PURCHASE_COUNT).n());
  }

  private static void assertAvailableAgain(long ticket) {
    Map<String, AttributeValue> item = env.ticketItem(ticket);
    assertEquals("AVAILABLE", item.get(Attr.STATUS).s(), item.toString());
    assertNull(item.get(Attr.OWNER_ID), item.toString());
    assertEquals("0", item.get(Attr.PURCHASE_COUNT).n());
  }

  private static List<String> lines(MigratedSource.Output run, String prefix) {
    return Arrays.stream(run.text().split("\n"))
        .filter(l -> l.startsWith(prefix))
        .collect(Collectors.toList());
  }

  private static Map<String, String> tags(String table) {
    String arn = env.client().describeTable(b -> b.tableName(table)).table().tableArn();
    return env.client().listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
