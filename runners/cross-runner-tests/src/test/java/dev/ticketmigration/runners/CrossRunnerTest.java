package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.runners.Migration.Bundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The three bundled jars, each started the way users start it ({@code java -jar}), migrate one
 * dataset into three table prefixes of one dynalite: DirectRunner, FlinkRunner on its embedded
 * cluster (parallelism 2) and SparkRunner on local[2]. The tables must hold the same items,
 * attribute for attribute.
 */
class CrossRunnerTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

  @Test
  void directFlinkAndSparkBundlesWriteIdenticalTables(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "cross-runner");
    // an H2 file database: the child JVMs open it one after the other
    Migration.Source source = Migration.generatedH2(work, 3_000, 11);

    Map<Bundle, MigratedTables> tables = new EnumMap<>(Bundle.class);
    try (Dynalite dynamo = Dynalite.start();
        DynamoDbClient client = MigratedTables.client(dynamo.endpoint())) {
      for (Bundle bundle : Bundle.values()) {
        String name = bundle.name().toLowerCase(Locale.ROOT);
        Path runWork = work.resolve(name);
        List<String> args =
            new ArrayList<>(
                Migration.arguments(source, dynamo.endpoint(), "xr_" + name + "_", runWork));
        ChildJvm.Spec spec = Migration.child(name, runWork);
        switch (bundle) {
          case DIRECT -> args.add("--runner=DirectRunner");
          case FLINK -> {
            args.add("--runner=FlinkRunner");
            args.add("--parallelism=2");
            args.add("--flinkConfDir=" + Migration.flinkLoopbackConf(runWork));
          }
          case SPARK -> {
            args.add("--runner=SparkRunner");
            args.add("--sparkMaster=local[2]");
            Migration.sparkDriverOnLoopback(spec);
          }
        }
        long started = System.nanoTime();
        try (ChildJvm run = spec.jar(bundle.jar(), args).start(logs)) {
          int exit = run.await(RUN_LIMIT);
          System.out.printf(
              "%s bundle: exit %d after %.1f s (output: %s)%n",
              name, exit, (System.nanoTime() - started) / 1e9, run.log());
          assertEquals(0, exit, name + " run failed:\n" + run.tail(80));
          assertTrue(
              run.output().contains("Rejected rows: none"),
              name + " rejected rows:\n" + run.tail(80));
        }
        tables.put(bundle, MigratedTables.scan(client, "xr_" + name + "_"));
      }
    }

    MigratedTables direct = tables.get(Bundle.DIRECT);
    System.out.println("items per table: " + direct.countsByTable());
    assertTrue(direct.size() > 1_000, "too few items to mean anything: " + direct.size());
    assertEquals(2, direct.countsByTable().size(), "both tables hold items");
    for (Bundle bundle : List.of(Bundle.FLINK, Bundle.SPARK)) {
      List<String> diffs = tables.get(bundle).differencesFrom(direct, 10);
      assertTrue(
          diffs.isEmpty(),
          bundle + " differs from DIRECT, first differences:\n" + String.join("\n", diffs));
      assertEquals(direct.size(), tables.get(bundle).size());
    }
  }
}
