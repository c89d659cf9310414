package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source goes away after the pre-run checks (its connections refused or cut mid-read): the run
 * fails with one line that blames the source and names --sourceUrl, not DynamoDB, although the
 * driver's messages speak of connections, resets and I/O just as DynamoDB's would.
 */
class SourceOutageTest {
  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 2_000, 9);

  @Test
  void laterConnectionsReset(@TempDir Path out) throws Exception {
    // the first connection is the entry point's inspection; the pipeline's are reset at once
    try (BreakingForwarder forwarder = BreakingForwarder.start("127.0.0.1", 5432, 1, 0)) {
      assertBlamesTheSource(migrateThrough(forwarder, out), forwarder);
    }
  }

  @Test
  void readsCutMidStream(@TempDir Path out) throws Exception {
    // the pipeline's connections open and start reading, then break after 32 KB of rows
    try (BreakingForwarder forwarder = BreakingForwarder.start("127.0.0.1", 5432, 1, 32_768)) {
      assertBlamesTheSource(migrateThrough(forwarder, out, "--fetchSize=100"), forwarder);
    }
  }

  private static Run migrateThrough(BreakingForwarder forwarder, Path out, String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "--sourceUrl=jdbc:postgresql://127.0.0.1:" + forwarder.port() + "/test";
    args[1] = "--reportPath=";
    args[2] = "--progressIntervalSeconds=0";
    System.arraycopy(extra, 0, args, 3, extra.length);
    return env.migrate("outage_" + System.nanoTime() + "_", out, args);
  }

  private static void assertBlamesTheSource(Run run, BreakingForwarder forwarder) {
    assertEquals(Migrate.FAILED, run.exit(), run.output());
    assertTrue(forwarder.connections() > 1, "the pipeline never connected: " + run.output());
    String[] lines = run.stderr().strip().split("\n");
    String last = lines[lines.length - 1];
    assertEquals(1, run.stderr().lines().filter(l -> l.startsWith("error:")).count(), run.stderr());
    assertTrue(last.startsWith("error: the run failed: the source database failed"), last);
    assertTrue(last.contains("--sourceUrl"), last);
    assertFalse(last.contains("DynamoDB") || last.contains("--dynamoEndpoint"), last);
  }
}
