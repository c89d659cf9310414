package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader killed with SIGKILL mid-stream, while the workload goes on, and started again on its
 * slot and offset folder, loses no change (at least once: changes after its last stored position
 * come again).
 */
class KilledReaderTest {
  @RegisterExtension static final PrivatePostgresExtension SERVER = new PrivatePostgresExtension();
  @TempDir Path work;

  @Test
  void aKilledReaderRestartedOnItsOffsetsLosesNothing() throws Exception {
    Path offsets = work.resolve("offsets");
    Path log = work.resolve("reader.log");
    try (TestSource source = TestSource.create(SERVER.get())) {
      List<Long> tickets = source.tickets(false, 24);
      int bought = 0;
      List<String> expected = new ArrayList<>();
      List<String> firstRun;
      try (ReaderProcess first = ReaderProcess.launch(source, offsets, log)) {
        for (; bought < 6; bought++) {
          expected.addAll(source.purchase(tickets.get(bought), 1 + bought));
        }
        first.await(lines -> lines.size() > 6, "six keys", log);
        // the first confirmations are stored (the slot moved past the first key): the restart
        // must begin after them; the later ones may or may not be stored when the kill comes
        long firstKey = first.firstLsn();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (source.confirmedFlushLsn() <= firstKey && System.nanoTime() < deadline) {
          if (bought < 12) {
            expected.addAll(source.purchase(tickets.get(bought), 1 + bought));
            bought++;
          }
          Thread.sleep(100);
        }
        assertTrue(source.confirmedFlushLsn() > firstKey, "no confirmation reached the slot");
        first.kill(); // mid-stream: the workload goes on
        firstRun = first.keys();
      }
      for (int stop = bought + 5; bought < stop; bought++) {
        expected.addAll(source.purchase(tickets.get(bought), 1 + bought % 10));
      }
      List<String> secondRun;
      try (ReaderProcess second = ReaderProcess.launch(source, offsets, log)) {
        for (; bought < tickets.size(); bought++) {
          expected.addAll(source.purchase(tickets.get(bought), 1 + bought % 10));
        }
        String last = expected.get(expected.size() - 1);
        second.await(
            lines -> lines.stream().anyMatch(line -> line.startsWith("KEY " + last + " @")),
            last,
            log);
        secondRun = second.keys();
      }

      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(firstRun);
      missing.removeAll(secondRun);
      assertEquals(Set.of(), missing, "changes lost across the kill");
      assertFalse(
          secondRun.contains(firstRun.get(0)),
          () -> "the restart began before the stored position: " + secondRun);
    }
  }
}
