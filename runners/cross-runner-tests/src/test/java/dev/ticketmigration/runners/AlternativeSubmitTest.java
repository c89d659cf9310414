package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.runners.Migration.Bundle;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The clusters' own submission tools instead of {@code java -jar}: Flink's CLI ({@code flink run
 * ticket-migration-flink.jar ...}, here {@code CliFrontend} on the cluster's classpath with
 * FLINK_CONF_DIR) and {@code spark-submit} ({@code SparkSubmit} on SPARK_HOME's jars, client mode).
 * Both must write the same items. Slow (two more cluster starts and runs, ~100 s), so only with
 * -Pclusters -Dclusters.alternatives=true.
 */
@EnabledIfSystemProperty(named = "clusters.alternatives", matches = "true")
class AlternativeSubmitTest {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

  @Test
  void flinkRunAndSparkSubmitWriteTheSameItems(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "alternatives");
    Migration.Source source = Migration.generatedPostgres(POSTGRES, 2_000, 17);
    String flinkClasspath = classpath("flink.cluster.classpath");
    try (Dynalite dynamo = Dynalite.start();
        DynamoDbClient client = MigratedTables.client(dynamo.endpoint());
        FlinkSessionCluster flink =
            FlinkSessionCluster.start(flinkClasspath, work.resolve("flink"), logs);
        SparkStandaloneCluster spark =
            SparkStandaloneCluster.start(
                Arrays.stream(classpath("spark.cluster.classpath").split(File.pathSeparator))
                    .map(Path::of)
                    .toList(),
                work.resolve("spark"),
                logs)) {
      flink.awaitReady(Duration.ofSeconds(90));
      spark.awaitReady(Duration.ofSeconds(90));

      // flink run <jar> <args>: the CLI reads the cluster's address from FLINK_CONF_DIR
      Path flinkWork = work.resolve("flink-run");
      List<String> flinkArgs = new ArrayList<>(List.of("run", Bundle.FLINK.jar().toString()));
      flinkArgs.addAll(Migration.arguments(source, dynamo.endpoint(), "flink_run_", flinkWork));
      flinkArgs.addAll(List.of("--runner=FlinkRunner", "--parallelism=2"));
      ChildJvm.Spec flinkRun =
          Migration.child("flink-run", flinkWork)
              .env("FLINK_CONF_DIR", flink.confDir().toString())
              .mainClass(
                  flinkClasspath,
                  "org.apache.flink.client.cli.CliFrontend",
                  flinkArgs.toArray(new String[0]));
      await(flinkRun, logs, flink::diagnostics);

      // spark-submit --master spark://... --class ... <jar> <args>
      Path sparkWork = work.resolve("spark-submit");
      List<String> sparkArgs =
          new ArrayList<>(
              List.of(
                  "--master",
                  spark.masterUrl(),
                  "--deploy-mode",
                  "client",
                  "--conf",
                  "spark.driver.host=127.0.0.1",
                  "--conf",
                  "spark.driver.bindAddress=127.0.0.1",
                  "--conf",
                  "spark.ui.enabled=false",
                  "--conf",
                  "spark.executor.memory=1g",
                  "--class",
                  "dev.ticketmigration.pipelines.Migrate",
                  Bundle.SPARK.jar().toString()));
      sparkArgs.addAll(Migration.arguments(source, dynamo.endpoint(), "spark_submit_", sparkWork));
      sparkArgs.addAll(
          List.of(
              "--runner=SparkRunner",
              "--sparkMaster=" + spark.masterUrl(),
              "--filesToStage=" + Bundle.SPARK.jar()));
      ChildJvm.Spec sparkSubmit =
          Migration.child("spark-submit", sparkWork)
              .env("SPARK_HOME", spark.home().toString())
              .env("SPARK_SCALA_VERSION", "2.12")
              .env("SPARK_LOCAL_IP", Loopback.HOST)
              .jvm(SparkStandaloneCluster.java17Flags().toArray(new String[0]))
              .mainClass(
                  spark.home().resolve("conf")
                      + File.pathSeparator
                      + spark.home().resolve("jars/*"),
                  "org.apache.spark.deploy.SparkSubmit",
                  sparkArgs.toArray(new String[0]));
      await(sparkSubmit, logs, spark::diagnostics);

      MigratedTables flinkTables = MigratedTables.scan(client, "flink_run_");
      MigratedTables sparkTables = MigratedTables.scan(client, "spark_submit_");
      assertTrue(flinkTables.size() > 1_000, "too few items: " + flinkTables.size());
      List<String> diffs = sparkTables.differencesFrom(flinkTables, 10);
      assertTrue(diffs.isEmpty(), "first differences:\n" + String.join("\n", diffs));
      assertEquals(flinkTables.size(), sparkTables.size());
    } finally {
      Migration.dropPostgres(source);
    }
  }

  private static void await(
      ChildJvm.Spec spec, Path logs, java.util.function.Supplier<String> diagnostics)
      throws InterruptedException {
    try (ChildJvm run = spec.start(logs)) {
      int exit = run.await(RUN_LIMIT);
      assertEquals(0, exit, run.name() + " failed:\n" + run.tail(80) + "\n" + diagnostics.get());
      assertTrue(
          run.output().contains("Rejected rows: none"),
          run.name() + " rejected rows:\n" + run.tail(80));
    }
  }

  private static String classpath(String property) throws java.io.IOException {
    String file = System.getProperty(property);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("cluster classpath " + file + " is missing: use -Pclusters");
    }
    return Files.readString(Path.of(file)).trim();
  }
}
