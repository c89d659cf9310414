package dev.ticketmigration.accesspatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.transforms.verify.VerifyFinding;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The write paths' business rules (SPEC §2, §3 patterns 3 and 4) on dynalite, after a real
 * migration of generated data: a purchase only while AVAILABLE and a transfer only by the current
 * owner, each decided by one conditional write so that of two concurrent writers exactly one wins;
 * the indexes follow; lost transfer items are rebuilt from the history; and the migration's own
 * verify run still finds every ticket's history and transfer items consistent afterwards. Every
 * test takes its own tickets, so the order of tests does not matter (except the final verify, which
 * looks at what all of them wrote).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketWritePathsTest {
  /** Later than every generated transaction: the generator's events run from April 2026. */
  private static final LocalDateTime LATER = LocalDateTime.of(2027, 1, 15, 10, 0, 0);

  private static final BigDecimal PRICE = new BigDecimal("61.2500");

  @RegisterExtension static final MigratedH2 env = new MigratedH2(600, 11);
  private static long persons;

  /** Unsold tickets: id, location, event date. */
  private static List<long[]> available;

  private static List<LocalDate> availableDates;

  /** Sold tickets: id, holder. */
  private static List<long[]> sold;

  private static final AtomicInteger NEXT_AVAILABLE = new AtomicInteger();
  private static final AtomicInteger NEXT_SOLD = new AtomicInteger();
  private static final AtomicInteger NEXT_MINUTE = new AtomicInteger();

  @BeforeAll
  static void migrate() throws Exception {
    TestSource src = env.migrated().source();
    try (Connection c = src.connect()) {
      persons = SqlRows.longs(c, "SELECT MAX(id) FROM " + src.table("person")).get(0);
      available = new ArrayList<>();
      availableDates = new ArrayList<>();
      for (List<String> row :
          SqlRows.rows(
              c,
              "SELECT t.id, t.sport_location_id, e.start_date FROM "
                  + src.table("sporting_event_ticket")
                  + " t JOIN "
                  + src.table("sporting_event")
                  + " e ON e.id = t.sporting_event_id WHERE t.ticketholder_id IS NULL ORDER BY t.id")) {
        available.add(new long[] {Long.parseLong(row.get(0)), Long.parseLong(row.get(1))});
        availableDates.add(LocalDate.parse(row.get(2)));
      }
      sold = new ArrayList<>();
      // the first ticket is kept for the rebuild test
      for (List<String> row :
          SqlRows.rows(
              c,
              "SELECT id, ticketholder_id FROM "
                  + src.table("sporting_event_ticket")
                  + " WHERE ticketholder_id IS NOT NULL AND id > 1 ORDER BY id")) {
        sold.add(new long[] {Long.parseLong(row.get(0)), Long.parseLong(row.get(1))});
      }
    }
    assertTrue(available.size() > 40 && sold.size() > 40, available.size() + " / " + sold.size());
  }

  @Test
  void purchaseMovesTheTicketFromAvailableToOwned() {
    int n = NEXT_AVAILABLE.getAndIncrement();
    long ticket = available.get(n)[0];
    long location = available.get(n)[1];
    LocalDate date = availableDates.get(n);
    long buyer = persons; // the last person never bought anything
    assertTrue(ids(env.sales().availableTickets(location, date)).contains(ticket + ""));
    assertEquals(List.of(), env.sales().ticketsOwnedBy(buyer));

    LocalDateTime at = LocalDateTime.of(2027, 1, 2, 3, 4, 5, 600_000_000);
    assertEquals(PurchaseOutcome.PURCHASED, env.sales().purchase(ticket, buyer, at, PRICE));

    assertFalse(ids(env.sales().availableTickets(location, date)).contains(ticket + ""));
    assertEquals(List.of(ticket + ""), ids(env.sales().ticketsOwnedBy(buyer)));
    Map<String, AttributeValue> item = env.ticketItem(ticket);
    assertEquals("SOLD", item.get(Attr.STATUS).s());
    assertEquals(buyer + "", item.get(Attr.OWNER_ID).n());
    assertEquals("1", item.get(Attr.PURCHASE_COUNT).n());
    assertEquals("2027-01-02T03:04:05", item.get(Attr.LAST_TRANSACTION_AT).s(), "whole seconds");
    assertFalse(item.containsKey(Attr.GSI2_PK) || item.containsKey(Attr.GSI2_SK));
    assertEquals(KeyFormats.ownerPk(buyer + ""), item.get(Attr.GSI1_PK).s());
    assertEquals(
        KeyFormats.ownerSk(item.get(Attr.EVENT_START).s(), ticket + ""),
        item.get(Attr.GSI1_SK).s());
    List<AttributeValue> history = item.get(Attr.HISTORY).l();
    assertEquals(1, history.size());
    assertEquals(
        Map.of(
            Attr.PURCHASED_BY_ID, Items.n(buyer + ""),
            Attr.TRANSACTION_AT, Items.s("2027-01-02T03:04:05"),
            Attr.PURCHASE_PRICE, Items.n("61.25")),
        history.get(0).m());
  }

  @Test
  void aSoldTicketCannotBeBoughtAgain() {
    long ticket = available.get(NEXT_AVAILABLE.getAndIncrement())[0];
    LocalDateTime at = nextTime();
    assertEquals(PurchaseOutcome.PURCHASED, env.sales().purchase(ticket, 3, at, PRICE));
    Map<String, AttributeValue> after = env.ticketItem(ticket);

    assertEquals(PurchaseOutcome.ALREADY_SOLD, env.sales().purchase(ticket, 4, nextTime(), PRICE));
    assertEquals(PurchaseOutcome.ALREADY_SOLD, env.sales().purchase(ticket, 3, nextTime(), PRICE));
    // the identical request again (a client retry) is answered, not applied twice
    assertEquals(PurchaseOutcome.PURCHASED, env.sales().purchase(ticket, 3, at, PRICE));
    assertEquals(after, env.ticketItem(ticket), "refused and replayed purchases write nothing");

    assertEquals(PurchaseOutcome.NOT_FOUND, env.sales().purchase(Long.MAX_VALUE, 3, at, PRICE));
    assertThrows(
        IllegalArgumentException.class,
        () -> env.sales().purchase(ticket, 3, at, new BigDecimal("-1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> env.sales().purchase(ticket, 3, at, new BigDecimal("1.00001")));
  }

  @Test
  void ofTwoConcurrentBuyersExactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      long ticket = available.get(NEXT_AVAILABLE.getAndIncrement())[0];
      long first = 1L + round;
      long second = 50L + round;
      LocalDateTime at = nextTime();
      List<Object> outcomes =
          race(
              () -> env.sales().purchase(ticket, first, at, PRICE),
              () -> env.sales().purchase(ticket, second, at.plusSeconds(1), PRICE));
      assertEquals(
          Set.of(PurchaseOutcome.PURCHASED, PurchaseOutcome.ALREADY_SOLD),
          Set.copyOf(outcomes),
          "round " + round);
      long winner = outcomes.get(0) == PurchaseOutcome.PURCHASED ? first : second;
      Map<String, AttributeValue> item = env.ticketItem(ticket);
      assertEquals(winner + "", item.get(Attr.OWNER_ID).n());
      assertEquals(1, item.get(Attr.HISTORY).l().size(), "one purchase recorded");
      assertEquals("1", item.get(Attr.PURCHASE_COUNT).n());
    }
  }

  @Test
  void onlyTheOwnerCanTransfer() {
    long[] t = sold.get(NEXT_SOLD.getAndIncrement());
    long ticket = t[0];
    long owner = t[1];
    long stranger = owner == 1 ? 2 : 1;
    Map<String, AttributeValue> before = env.ticketItem(ticket);

    assertEquals(
        TransferOutcome.NOT_OWNER,
        env.sales().transfer(ticket, stranger, owner, nextTime(), PRICE));
    String last = before.get(Attr.LAST_TRANSACTION_AT).s();
    assertEquals(
        TransferOutcome.OUT_OF_ORDER,
        env.sales().transfer(ticket, owner, stranger, LocalDateTime.parse(last), PRICE));
    assertEquals(before, env.ticketItem(ticket), "refused transfers write nothing");
    assertEquals(
        TransferOutcome.NOT_FOUND,
        env.sales().transfer(Long.MAX_VALUE, owner, stranger, nextTime(), PRICE));
    long unsold = available.get(NEXT_AVAILABLE.getAndIncrement())[0];
    assertEquals(
        TransferOutcome.NOT_OWNER,
        env.sales().transfer(unsold, owner, stranger, nextTime(), PRICE));
    assertThrows(
        IllegalArgumentException.class,
        () -> env.sales().transfer(ticket, owner, owner, nextTime(), PRICE));
  }

  @Test
  void ofTwoConcurrentTransfersByTheOwnerExactlyOneWins() throws Exception {
    for (int round = 0; round < 10; round++) {
      long[] t = sold.get(NEXT_SOLD.getAndIncrement());
      long ticket = t[0];
      long owner = t[1];
      long first = owner == 10 + round ? 80 : 10 + round;
      long second = owner == 40 + round ? 90 : 40 + round;
      LocalDateTime at = nextTime();
      List<Object> outcomes =
          race(
              () -> env.sales().transfer(ticket, owner, first, at, PRICE),
              () -> env.sales().transfer(ticket, owner, second, at, PRICE));
      assertEquals(
          Set.of(TransferOutcome.TRANSFERRED, TransferOutcome.NOT_OWNER),
          Set.copyOf(outcomes),
          "round " + round);
      long winner = outcomes.get(0) == TransferOutcome.TRANSFERRED ? first : second;
      long loser = winner == first ? second : first;
      assertEquals(winner + "", env.ticketItem(ticket).get(Attr.OWNER_ID).n());
      assertTrue(tickets(env.sales().transfersTo(winner)).contains(ticket + ""));
      assertFalse(
          tickets(env.sales().transfersTo(loser)).contains(ticket + ""), "no item for the loser");
    }
  }

  @Test
  void aTransferShowsInBothIndexesAndEndsTheHistory() {
    long[] t = sold.get(NEXT_SOLD.getAndIncrement());
    long ticket = t[0];
    long owner = t[1];
    long recipient = owner == persons - 1 ? persons - 2 : persons - 1;
    Map<String, AttributeValue> before = env.ticketItem(ticket);
    int count = Integer.parseInt(before.get(Attr.PURCHASE_COUNT).n());
    LocalDateTime at = nextTime();

    assertEquals(
        TransferOutcome.TRANSFERRED,
        env.sales().transfer(ticket, owner, recipient, at, new BigDecimal("12.3400")));

    String when = SourceValues.dateTime(at);
    TicketTransfer expected =
        new TicketTransfer(
            ticket + "", before.get(Attr.EVENT_ID).n(), owner + "", recipient + "", when, "12.34");
    assertTrue(
        env.sales().transfersFrom(owner).contains(expected),
        env.sales().transfersFrom(owner).toString());
    assertTrue(env.sales().transfersTo(recipient).contains(expected));
    assertTrue(ids(env.sales().ticketsOwnedBy(recipient)).contains(ticket + ""));
    assertFalse(ids(env.sales().ticketsOwnedBy(owner)).contains(ticket + ""));
    Map<String, AttributeValue> item = env.ticketItem(ticket);
    assertEquals("TRANSFERRED", item.get(Attr.STATUS).s());
    assertEquals(count + 1 + "", item.get(Attr.PURCHASE_COUNT).n());
    assertEquals(when, item.get(Attr.LAST_TRANSACTION_AT).s());
    List<AttributeValue> history = item.get(Attr.HISTORY).l();
    assertEquals(before.get(Attr.HISTORY).l(), history.subList(0, history.size() - 1));
    assertEquals(
        Map.of(
            Attr.PURCHASED_BY_ID, Items.n(recipient + ""),
            Attr.TRANSFERRED_FROM_ID, Items.n(owner + ""),
            Attr.TRANSACTION_AT, Items.s(when),
            Attr.PURCHASE_PRICE, Items.n("12.34")),
        history.get(history.size() - 1).m());

    // replaying the same transfer (a client retry) changes nothing and still answers TRANSFERRED
    assertEquals(
        TransferOutcome.TRANSFERRED,
        env.sales().transfer(ticket, owner, recipient, at, new BigDecimal("12.34")));
    assertEquals(item, env.ticketItem(ticket));
    // the new owner can pass it on; the old one no longer can
    assertEquals(
        TransferOutcome.NOT_OWNER,
        env.sales().transfer(ticket, owner, recipient == 1 ? 2 : 1, nextTime(), PRICE));
  }

  @Test
  void rebuildRecreatesALostTransferItem() {
    long ticket = 1; // sold, then transferred three times
    Map<String, AttributeValue> ticketItem = env.ticketItem(ticket);
    Map<String, AttributeValue> second = ticketItem.get(Attr.HISTORY).l().get(1).m();
    String to = second.get(Attr.PURCHASED_BY_ID).n();
    String at = second.get(Attr.TRANSACTION_AT).s();
    Map<String, AttributeValue> key =
        Map.of(
            Attr.PK,
            Items.s(KeyFormats.ticketPk("1")),
            Attr.SK,
            Items.s(KeyFormats.transferSk(at, to)));
    Map<String, AttributeValue> original = salesItem(key);
    assertFalse(original.isEmpty());
    assertEquals(
        0, env.sales().rebuildTransferItems(ticket), "nothing is missing after the migration");

    env.client()
        .deleteItem(
            DeleteItemRequest.builder()
                .tableName(env.migrated().ticketSalesTable())
                .key(key)
                .build());
    assertFalse(tickets(env.sales().transfersTo(Long.parseLong(to))).contains("1"));

    assertEquals(1, env.sales().rebuildTransferItems(ticket));
    assertEquals(original, salesItem(key));
    assertTrue(tickets(env.sales().transfersTo(Long.parseLong(to))).contains("1"));
    assertEquals(0, env.sales().rebuildTransferItems(ticket));
    assertEquals(0, env.sales().rebuildTransferItems(Long.MAX_VALUE), "no such ticket");
  }

  /** Runs last: the migration's verify compares what every test above wrote with the source. */
  @Test
  @Order(Integer.MAX_VALUE)
  void verifyStillFindsHistoryAndTransferItemsConsistent() throws Exception {
    MigratedSource.Output run = env.migrated().run("--mode=VERIFY", "--readPartitions=2");
    assertEquals(3, run.exit(), "the writes above differ from the source: " + run.text());
    Map<VerifyFinding.Kind, Integer> kinds = new EnumMap<>(VerifyFinding.Kind.class);
    try (Stream<Path> files = Files.list(env.migrated().workDir().resolve("verify"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("findings")).toList()) {
        for (String line : Files.readAllLines(file)) {
          VerifyFinding finding = VerifyFinding.fromJsonLine(line);
          kinds.merge(finding.kind(), 1, Integer::sum);
          assertNotEquals(VerifyFinding.Kind.TRANSFER_MISMATCH, finding.kind(), line);
        }
      }
    }
    assertTrue(kinds.getOrDefault(VerifyFinding.Kind.DIFFERENT, 0) > 20, kinds.toString());
    assertTrue(kinds.getOrDefault(VerifyFinding.Kind.EXTRA, 0) > 10, "new transfer items " + kinds);
  }

  private static LocalDateTime nextTime() {
    return LATER.plusMinutes(NEXT_MINUTE.getAndIncrement()).plusSeconds(7);
  }

  /** Runs both at once (released by one latch) and returns their results in order. */
  private static Map<String, AttributeValue> salesItem(Map<String, AttributeValue> key) {
    return env.client()
        .getItem(
            GetItemRequest.builder().tableName(env.migrated().ticketSalesTable()).key(key).build())
        .item();
  }

  private static List<Object> race(Callable<?> a, Callable<?> b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch ready = new CountDownLatch(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> task : List.of(a, b)) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      go.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<?> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> ids(List<TicketSummary> tickets) {
    return tickets.stream().map(TicketSummary::ticketId).toList();
  }

  private static List<String> tickets(List<TicketTransfer> transfers) {
    return transfers.stream().map(TicketTransfer::ticketId).toList();
  }
}
