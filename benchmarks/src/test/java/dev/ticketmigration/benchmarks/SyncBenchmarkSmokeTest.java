package dev.ticketmigration.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sync benchmark end to end at a tiny size, so the test command compiles and runs its code
 * path: a private PostgreSQL with a logical change log, dynalite, the copy with the slot, the
 * following sync, one workload step with the lag probe, the final caught-up sync and the verify. It
 * checks what happened (commits made, changes applied, probes seen, exit codes), not figures.
 */
// 80-90 s of DirectRunner copy, sync and verify: run on demand (mvn -pl benchmarks verify
// -Dsync.benchmark.smoke=true), not in every build; the sync itself is tested by SyncTest
@EnabledIfSystemProperty(named = "sync.benchmark.smoke", matches = "true")
class SyncBenchmarkSmokeTest {

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void followsAWorkloadStepAndLeavesTheTablesCorrect() throws Exception {
    // in target/, not a temp dir: the children's logs are there when it fails
    Path workDir =
        Path.of("target", "sync-smoke", UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);
    SyncBenchmark.Outcome outcome;
    try {
      outcome =
          SyncBenchmark.run(
              new String[] {
                "--tickets=300",
                "--rates=20",
                "--warmupSeconds=2",
                "--stepSeconds=6",
                "--idleSeconds=0",
                "--steadySeconds=0",
                "--drainSeconds=30",
                "--heap=512m",
                // short-lived children: the quick JIT tier alone starts them faster
                "--childJvmFlags=-XX:TieredStopAtLevel=1",
                "--syncJvmFlags=-XX:TieredStopAtLevel=1",
                "--workDir=" + workDir
              },
              log);
    } finally {
      System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    assertEquals(1, outcome.steps().size(), printed.toString(StandardCharsets.UTF_8));
    SyncBenchmark.Step step = outcome.steps().get(0);
    assertTrue(step.commits() > 0, "the workload committed nothing");
    assertTrue(step.applied() > 0, "the sync applied no change in the step's window");
    // a sale or transfer changes two rows; the source saw at least one per commit
    assertTrue(step.rowsPerCommit() >= 1, "rows per commit " + step.rowsPerCommit());
    assertFalse(step.lags().isEmpty(), "no lag on the sync's progress lines");
    assertFalse(step.probeLags().isEmpty(), "no probe came through to DynamoDB");
    assertTrue(step.probeLags().stream().allMatch(l -> l >= 0), "probe lags " + step.probeLags());
    assertTrue(
        outcome.appliedTotal() >= step.applied(),
        outcome.appliedTotal() + " applied in all, " + step.applied() + " in the window");
    assertEquals(0, outcome.catchUpExit(), "the final --stopWhenCaughtUp sync");
    assertEquals(0, outcome.verifyExit(), "--mode=VERIFY after the run: " + workDir);

    String markdown = Files.readString(workDir.resolve("sync-results.md"));
    assertTrue(
        markdown.startsWith(SyncBenchmark.BEGIN) && markdown.contains("**Sustained"), markdown);
    assertTrue(markdown.contains("| ramp | 20 (1 × 20) |"), markdown);
  }
}
