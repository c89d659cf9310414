package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.faultproxy.Fault;
import dev.ticketmigration.faultproxy.FaultProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when DynamoDB throttles, fails, drops connections, stalls or hands back
 * unprocessed items: a fault-injecting proxy sits between the pipeline and dynalite, the run ends
 * with exactly the expected items (verify passes) and the retries show in the run report. A fault
 * that outlasts the retry budget fails the run with one clear line, and a re-run completes.
 */
class FaultToleranceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fewer config items: the DirectRunner sends one or two items per request after a join. */
  private static final String SMALLER = "--excludeTables=player,seat";

  private static final String FAST_TIMEOUTS =
      "--httpClientConfiguration={\"socketTimeout\":1500,\"connectionTimeout\":1000}";

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 400, 17);

  @Test
  void everyItemLandsDespiteFaultsAndRetriesAreReported(@TempDir Path out) throws Exception {
    String prefix = "faults_" + System.nanoTime() + "_";
    // every fault the client must retry through, each to be injected at least once
    List<Fault> retried =
        List.of(
            Fault.UNPROCESSED,
            Fault.THROTTLE,
            Fault.THROTTLING,
            Fault.HTTP_500,
            Fault.HTTP_503,
            Fault.RESET);
    FaultProxy.Builder faults = env.faultyWrites().seed(5);
    for (Fault fault : retried) {
      faults.fault(fault, fault == Fault.UNPROCESSED ? 0.2 : 0.05);
    }
    try (FaultProxy proxy = faults.fault(Fault.STALL, 0.02).stallMillis(2_500).build().start()) {
      Path report = out.resolve("report.json");
      Run run =
          env.migrateThrough(proxy, prefix, out, FAST_TIMEOUTS, SMALLER, "--reportPath=" + report);
      assertEquals(0, run.exit(), run.output());
      for (Fault fault : retried) {
        assertTrue(
            proxy.injected(fault) > 0, fault + " was never injected: " + proxy.injectedCounts());
      }
      JsonNode client = JSON.readTree(report.toFile()).get("dynamodb_client");
      assertTrue(client.path("retries").asLong() > 0, client.toString());
      // the client counts the unprocessed items it read; a response it gave up on before reading
      // (the upstream slower than the 1.5 s timeout on a busy machine) is re-sent whole, so the
      // count can fall short of what the proxy withheld by such a batch, never exceed it
      long reported = client.path("unprocessed_items").asLong();
      assertTrue(
          reported <= proxy.withheldItems() && reported >= proxy.withheldItems() * 0.8,
          client + " vs " + proxy.withheldItems());
    }
    // straight to dynalite: the table holds exactly what the source says
    Run verify = env.migrate(prefix, out, "--mode=VERIFY", SMALLER);
    assertEquals(0, verify.exit(), verify.output());
  }

  @Test
  void aFaultBeyondTheRetryBudgetFailsClearlyAndARerunCompletes(@TempDir Path out) {
    String prefix = "stuck_" + System.nanoTime() + "_";
    try (FaultProxy proxy = env.faultyWrites().permanent(Fault.THROTTLE).build().start()) {
      Run run =
          env.migrateThrough(
              proxy,
              prefix,
              out,
              FAST_TIMEOUTS,
              "--tables=sport_type,sport_league",
              "--writeRetries=2");
      assertEquals(Migrate.FAILED, run.exit(), run.output());
      String[] lines = run.stderr().strip().split("\n");
      String last = lines[lines.length - 1];
      assertTrue(last.startsWith("error: the run failed: DynamoDB kept throttling"), run.stderr());
      assertTrue(last.contains("re-run"), last);
    }
    Run rerun = env.migrate(prefix, out, "--tables=sport_type,sport_league");
    assertEquals(0, rerun.exit(), rerun.output());
    Run verify = env.migrate(prefix, out, "--mode=VERIFY", "--tables=sport_type,sport_league");
    assertEquals(0, verify.exit(), verify.output());
  }

  @Test
  void theRunCallsOnlyWhatTheIamPolicyAllows(@TempDir Path out) throws Exception {
    JsonNode policy = JSON.readTree(Path.of("..", "docs", "iam-policy.json").toFile());
    List<String> allowed = new ArrayList<>();
    for (JsonNode statement : policy.get("Statement")) {
      assertEquals("Allow", statement.get("Effect").asText(), statement.toString());
      statement.get("Action").forEach(a -> allowed.add(a.asText().replace("dynamodb:", "")));
    }
    String prefix = "iam_" + System.nanoTime() + "_";
    try (FaultProxy proxy =
        FaultProxy.builder().upstream(env.dynamo().endpoint()).build().start()) {
      assertEquals(0, Run.migrate(env.source(), proxy.endpoint(), prefix, out, SMALLER).exit());
      assertEquals(
          0,
          Run.migrate(
                  env.source(), proxy.endpoint(), prefix, out, "--mode=VERIFY", "--repair", SMALLER)
              .exit());
      Run cutOver = Run.migrate(env.source(), proxy.endpoint(), prefix, out, "--mode=CUT_OVER");
      assertEquals(0, cutOver.exit(), cutOver.output());
      long writes = proxy.requests("BatchWriteItem");
      // refused before anything is written
      assertEquals(
          Migrate.USAGE, Run.migrate(env.source(), proxy.endpoint(), prefix, out, SMALLER).exit());
      assertEquals(
          Migrate.USAGE,
          Run.migrate(
                  env.source(), proxy.endpoint(), prefix, out, "--mode=VERIFY", "--repair", SMALLER)
              .exit());
      assertEquals(writes, proxy.requests("BatchWriteItem"));
      assertEquals(
          0,
          Run.migrate(env.source(), proxy.endpoint(), prefix, out, "--mode=VERIFY", SMALLER)
              .exit());
      assertTrue(proxy.requests("TagResource") > 0 && proxy.requests("ListTagsOfResource") > 0);
      long allowedCalls = allowed.stream().mapToLong(proxy::requests).sum();
      assertEquals(
          proxy.requests(), allowedCalls, "calls outside " + allowed + " reached DynamoDB");
      assertFalse(allowed.contains("DeleteTable"));
      assertFalse(allowed.contains("UntagResource"), "a run never removes the cut-over mark");
    }
  }
}
