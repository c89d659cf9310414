package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each mode's graph builder, called on a plain pipeline with the DirectRunner's immutability and
 * encodability checks on (the entry point turns them off for speed; the graphs must pass them): the
 * migration writes exactly the expected items, verify finds them all, the plan counts them, READ
 * reads every row.
 */
class GraphBuildersTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 200, 13);

  private static MigrationOptions options(Path out, String prefix, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + env.source().url(),
                "--sourceUser=" + env.source().user(),
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                "--dynamoEndpoint=" + env.dynamo().endpoint(),
                "--dynamoLocal=true",
                "--tablePrefix=" + prefix,
                "--runId=graph",
                "--deadLetterDir=" + out.resolve("dead-letters"),
                "--verifyOutputDir=" + out.resolve("verify"),
                "--planPath=" + out.resolve("plan.json"),
                "--progressIntervalSeconds=0",
                // the big config tables (seat, person, player) add nothing the others do not show
                // here
                "--tables=sport_type,sport_league,sport_team,sporting_event,sporting_event_ticket,"
                    + "ticket_purchase_hist"));
    args.addAll(List.of(extra));
    // no RunnerDefaults: the DirectRunner's element checks stay on
    PipelineOptionsFactory.register(MigrationOptions.class);
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(MigrationOptions.class);
  }

  private static MigrationSummary run(MigrationOptions options, ModeGraph.Builder builder) {
    RunSettings settings = RunSettingsResolver.resolve(options, QUIET);
    Pipeline pipeline = Pipeline.create(options);
    builder.build(pipeline, settings);
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    return MigrationSummary.of(result, Duration.ZERO);
  }

  @Test
  void everyModesGraphRunsWithTheDirectRunnersChecksOn(@TempDir Path out) throws Exception {
    String prefix = "graphs_" + System.nanoTime() + "_";
    MigrationSummary migrated = run(options(out, prefix), MigrationPipeline::build);
    try (Connection c = env.source().connect();
        DynamoDbClient client = DynamoTarget.local(env.dynamo().endpoint()).newClient()) {
      Map<String, Map<String, String>> expected =
          ExpectedItems.ticketSales(c, env.source().schema());
      Map<String, Map<String, String>> actual =
          TargetItems.scan(client, TargetTable.TICKET_SALES.tableName(prefix));
      assertEquals(List.of(), TargetItems.differences(expected, actual, 10));
      long configRows =
          migrated.rowsRead().entrySet().stream()
              .filter(
                  e ->
                      !e.getKey().startsWith("sporting_event_ticket")
                          && !e.getKey().startsWith("ticket_purchase_hist"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertEquals(
          configRows, TargetItems.scan(client, TargetTable.CONFIG.tableName(prefix)).size());
      assertEquals(expected.size() + configRows, migrated.totalItems());
    }

    // small scan pages: the DirectRunner's immutability check of Beam's DynamoDBIO.Read copies the
    // whole page (Java serialization) for every item taken from it
    MigrationSummary verified =
        run(options(out, prefix, "--mode=VERIFY", "--scanSegments=64"), VerifyPipeline::build);
    assertEquals(0, verified.totalRejected());
    try (var findings = Files.list(out.resolve("verify"))) {
      for (Path f : findings.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        assertEquals("", Files.readString(f), "verify found problems in an intact copy");
      }
    }

    MigrationSummary planned = run(options(out, prefix, "--mode=PLAN"), PlanPipeline::build);
    assertEquals(migrated.rowsRead(), planned.rowsRead());
    try (var stats = Files.list(out.resolve("plan-stats"))) {
      assertTrue(stats.findAny().isPresent(), "no plan statistics");
    }

    MigrationSummary read = run(options(out, prefix, "--mode=READ"), ReadPipeline::build);
    assertEquals(migrated.rowsRead(), read.rowsRead());
    assertEquals(0, read.totalItems());
  }
}
