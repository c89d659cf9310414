package dev.ticketmigration.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.transforms.Progress.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Progress lines through a migration's phases: each line names the phases that moved, with their
 * own counters and rates; a phase that did not move shows no rate (never "0 rows/s"); the wait for
 * a join says "grouping" and, on the DirectRunner, that it groups in memory.
 */
class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @AfterEach
  void stop() {
    Progress.stop();
  }

  @Test
  void eachLineNamesItsPhaseAndItsOwnCounter() {
    // start() zeroes the counters; a long interval keeps its own thread from printing
    Progress.start(new Progress.Settings(3_600, 0, null, false), line -> {});
    Progress.Settings settings = new Progress.Settings(10, 1_000, Phase.WRITING, true);
    Progress.Line line = new Progress.Line(settings, 0);
    List<String> lines = new ArrayList<>();

    assertNull(line.next(10 * SECOND), "nothing counted in this JVM: no line");

    add(Phase.READING, 5_000);
    lines.add(line.next(20 * SECOND));
    assertEquals("progress [reading]: 5,000 rows read (500 rows/s)", lines.get(0));

    // the join collects the rows: nothing moves
    lines.add(line.next(30 * SECOND));
    lines.add(line.next(40 * SECOND));
    assertEquals(
        "progress [grouping]: 5,000 rows read, grouping the rows by key for 0:00"
            + " (the DirectRunner groups in memory)",
        lines.get(1));
    assertTrue(lines.get(2).endsWith("for 0:10 (the DirectRunner groups in memory)"), lines.get(2));

    add(Phase.WRITING, 250);
    lines.add(line.next(50 * SECOND));
    assertEquals(
        "progress [writing]: 5,000 rows read, 250 items written (25 items/s), 25% of ~1,000"
            + " items, ETA 2:30",
        lines.get(3));

    add(Phase.READING, 100);
    add(Phase.WRITING, 750);
    lines.add(line.next(60 * SECOND));
    assertTrue(
        lines.get(4).startsWith("progress [reading, writing]: 5,100 rows read (10 rows/s), 1,000"),
        lines.get(4));

    lines.add(line.next(70 * SECOND));
    assertTrue(lines.get(5).startsWith("progress [finishing]: "), lines.get(5));

    for (String text : lines) {
      assertFalse(text.contains(" 0 rows/s"), text);
      assertFalse(text.contains(" 0 items/s"), text);
    }
  }

  @Test
  void aSyncShowsChangesAppliedAndItsLagAndIsNeverGrouping() {
    Progress.start(new Progress.Settings(3_600, 0, null, false), line -> {});
    Progress.Line line = new Progress.Line(new Progress.Settings(10, 0, null, true), 0);
    Progress.lag(java.time.Duration.ofMillis(1_250));
    add(Phase.READING, 40);
    add(Phase.WRITING, 30);
    add(Phase.APPLYING, 20);
    assertEquals(
        "progress [reading, writing, applying]: 40 rows read (4 rows/s), 30 items written (3"
            + " items/s), 20 changes applied (2 changes/s), lag 1.3 s",
        line.next(10 * SECOND));
    Progress.lag(java.time.Duration.ZERO);
    assertEquals(
        "progress [following]: 40 rows read, 30 items written, 20 changes applied, lag 0.0 s,"
            + " no change applied since the last line",
        line.next(20 * SECOND));
  }

  @Test
  void verifyPhasesHaveTheirOwnCounters() {
    Progress.start(new Progress.Settings(3_600, 0, null, false), line -> {});
    Progress.Line line = new Progress.Line(new Progress.Settings(10, 0, Phase.SCANNING, false), 0);
    add(Phase.READING, 300);
    add(Phase.SCANNING, 200);
    assertEquals(
        "progress [reading, scanning]: 300 rows read (30 rows/s), 200 items scanned (20 items/s)",
        line.next(10 * SECOND));
    lines(line);
    add(Phase.COMPARING, 400);
    assertEquals(
        "progress [comparing]: 300 rows read, 200 items scanned, 400 items compared (40 items/s)",
        line.next(30 * SECOND));
  }

  @Test
  void aPlanBuildsItems() {
    Progress.start(new Progress.Settings(3_600, 0, null, false), line -> {});
    Progress.Line line = new Progress.Line(new Progress.Settings(10, 0, null, false), 0);
    add(Phase.READING, 10);
    add(Phase.BUILDING, 20);
    assertEquals(
        "progress [reading, building]: 10 rows read (1 rows/s), 20 items built (2 items/s)",
        line.next(10 * SECOND));
  }

  /** An idle interval (grouping), to move the clock on. */
  private static void lines(Progress.Line line) {
    String idle = line.next(20 * SECOND);
    assertTrue(idle.startsWith("progress [grouping]: "), idle);
    assertFalse(idle.contains("DirectRunner"), idle);
  }

  private static void add(Phase phase, int n) {
    for (int i = 0; i < n; i++) {
      Progress.count(phase);
    }
  }
}
