package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The reader against a real change log: a private PostgreSQL with {@code wal_level=logical}. */
class ChangeLogReaderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final PrivatePostgresExtension SERVER = new PrivatePostgresExtension();

  private TestSource source;
  @TempDir Path offsets;

  @BeforeEach
  void createSource() throws Exception {
    source = TestSource.create(SERVER.get());
  }

  @AfterEach
  void dropSource() throws Exception {
    source.close();
  }

  @Test
  void everyChangeOfTheWorkloadBecomesItsDirtyKey() throws Exception {
    List<Long> unsold = source.tickets(false, 2);
    List<Long> sold = source.tickets(true, 2);
    long person = source.maxPerson();
    List<String> expected = new ArrayList<>();
    Instant before;
    Instant after;
    try (ChangeLogReader reader = source.reader(offsets).build()) {
      reader.start(); // the slot is taken before the workload
      before = Instant.now().minusSeconds(1);
      expected.addAll(source.purchase(unsold.get(0), 1));
      expected.addAll(source.transfer(sold.get(0), person));
      expected.addAll(source.addPerson(person + 1));
      expected.addAll(source.renameTeam());
      expected.addAll(source.deleteTicket(unsold.get(1)));
      expected.addAll(source.deleteTicket(sold.get(1)));
      expected.addAll(source.truncateHistory());
      after = Instant.now().plusSeconds(1);

      List<DirtyKey> seen = collect(reader, keys -> keys.size() >= expected.size(), true);

      assertEquals(expected, seen.stream().map(TestSource::describe).toList());
      for (DirtyKey key : seen) {
        assertTrue(key.lsn() > 0, () -> "no position: " + key);
        assertTrue(
            key.commitTime().isAfter(before) && key.commitTime().isBefore(after),
            () -> "commit time outside the workload: " + key);
      }
      assertEquals(sold.get(0).longValue(), seen.get(2).ticketId());
      assertTrue(seen.get(4).key().get(0) instanceof Long, "ids are Longs");
      assertTrue(seen.stream().map(DirtyKey::lsn).distinct().count() == seen.size());
    }
  }

  @Test
  void aStoppedReaderResumesFromItsStoredPositionAndLosesNothing() throws Exception {
    List<Long> tickets = source.tickets(false, 24);
    Set<String> expected = new HashSet<>();
    List<String> firstConfirmed = new ArrayList<>();
    List<DirtyKey> secondRun;
    try (ChangeLogReader reader = source.reader(offsets).maxBatchSize(4).build()) {
      reader.start();
      for (int i = 0; i < 12; i++) {
        expected.addAll(source.purchase(tickets.get(i), 1 + i % 10));
      }
      // confirm three batches, take a fourth without confirming it, then stop mid-stream
      for (int confirmed = 0; confirmed < 3; ) {
        ChangeBatch batch = reader.poll(WAIT);
        if (batch != null) {
          batch.keys().forEach(key -> firstConfirmed.add(TestSource.describe(key)));
          reader.confirm(batch);
          confirmed++;
        }
      }
      assertTrue(reader.poll(WAIT) != null, "a fourth batch");
    }
    assertTrue(Files.size(offsets.resolve(source.slot() + ".offsets")) > 0, "position stored");
    // changes while no reader runs stay in the slot
    for (int i = 12; i < 24; i++) {
      expected.addAll(source.purchase(tickets.get(i), 1 + i % 10));
    }
    String last = "ticket_purchase_hist CREATE [" + tickets.get(23) + "]";
    try (ChangeLogReader reader = source.reader(offsets).build()) {
      reader.start();
      secondRun =
          collect(
              reader, keys -> keys.stream().map(TestSource::describe).anyMatch(last::equals), true);
    }

    Set<String> delivered = new HashSet<>(firstConfirmed);
    secondRun.forEach(key -> delivered.add(TestSource.describe(key)));
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(delivered);
    assertEquals(Set.of(), missing, "changes lost across the restart");
    List<String> again = secondRun.stream().map(TestSource::describe).toList();
    assertFalse(
        again.contains(firstConfirmed.get(0)),
        () -> "the restart began before the stored position: " + again);
  }

  @Test
  void confirmedPositionsReachTheSlotAndUnconfirmedOnesHoldIt() throws Exception {
    List<Long> tickets = source.tickets(false, 5);
    try (ChangeLogReader reader = source.reader(offsets).build()) {
      reader.start();
      for (long ticket : tickets) {
        source.purchase(ticket, 2);
      }
      List<ChangeBatch> batches = new ArrayList<>();
      List<DirtyKey> keys = new ArrayList<>();
      while (keys.size() < 2 * tickets.size()) {
        ChangeBatch batch = reader.poll(WAIT);
        assertTrue(batch != null, "no batch within " + WAIT);
        batches.add(batch);
        keys.addAll(batch.keys());
      }
      long firstChange = keys.get(0).lsn();
      long lastChange = keys.get(keys.size() - 1).lsn();
      Thread.sleep(1_500); // heartbeats pass; nothing is confirmed
      assertTrue(
          source.confirmedFlushLsn() < firstChange, "the slot moved past changes nobody confirmed");

      batches.forEach(reader::confirm);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (source.confirmedFlushLsn() <= lastChange && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(
          source.confirmedFlushLsn() > lastChange,
          "the slot did not move past the confirmed changes");
      assertTrue(
          source.retainedBeyondConfirmed() < 1024 * 1024,
          () -> "retained log beyond the confirmed position");
    }
  }

  /** Polls until {@code done} holds for the keys seen, confirming every batch if asked. */
  static List<DirtyKey> collect(
      ChangeLogReader reader, Predicate<List<DirtyKey>> done, boolean confirm) throws Exception {
    List<DirtyKey> keys = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.test(keys)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + WAIT + " only these dirty keys came: " + keys);
      }
      ChangeBatch batch = reader.poll(Duration.ofMillis(500));
      if (batch != null) {
        keys.addAll(batch.keys());
        if (confirm) {
          reader.confirm(batch);
        }
      }
    }
    return keys;
  }
}
