package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.runners.Migration.Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Flink and Spark bundles submitted to real clusters on loopback (-Pclusters): a Flink 1.19
 * standalone session cluster ({@code java -jar ... --flinkMaster=127.0.0.1:<rest port>}) and a
 * Spark 3.5 standalone master with one worker ({@code --sparkMaster=spark://...
 * --filesToStage=<bundle>}), both migrating one PostgreSQL schema (which the cluster's workers,
 * other JVMs, reach like the driver does) into their own table prefix. Their tables must equal a
 * DirectRunner run's item for item. Every process is stopped and every folder removed, also on
 * failure; the processes' logs stay in target/runner-logs/clusters.
 */
@EnabledIfSystemProperty(named = "clusters", matches = "true")
class ClusterTest {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

  @Test
  void flinkAndSparkClustersWriteWhatTheDirectRunnerWrites(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "clusters");
    Migration.Source source = Migration.generatedPostgres(POSTGRES, 3_000, 13);
    try (Dynalite dynamo = Dynalite.start();
        DynamoDbClient client = MigratedTables.client(dynamo.endpoint());
        FlinkSessionCluster flink =
            FlinkSessionCluster.start(
                classpath("flink.cluster.classpath"), work.resolve("flink"), logs);
        SparkStandaloneCluster spark =
            SparkStandaloneCluster.start(
                Arrays.stream(
                        classpath("spark.cluster.classpath").split(java.io.File.pathSeparator))
                    .map(Path::of)
                    .toList(),
                work.resolve("spark"),
                logs)) {
      // the reference, while the clusters start: the DirectRunner bundle, in one JVM
      run(
          "direct",
          Bundle.DIRECT,
          source,
          dynamo,
          work,
          logs,
          List.of("--runner=DirectRunner"),
          () -> "");
      flink.awaitReady(START_LIMIT);
      spark.awaitReady(START_LIMIT);
      List<ChildJvm> daemons = new ArrayList<>(flink.processes());
      daemons.addAll(spark.processes());
      assertEquals(List.of(), Loopback.listenersOffLoopback(daemons), "listening off loopback");

      run(
          "flink-cluster",
          Bundle.FLINK,
          source,
          dynamo,
          work,
          logs,
          List.of("--runner=FlinkRunner", "--flinkMaster=" + flink.master(), "--parallelism=2"),
          flink::diagnostics);
      String jobs = flink.jobsOverview();
      assertTrue(
          jobs != null && jobs.contains("\"state\":\"FINISHED\""),
          "no finished job on the Flink cluster: " + jobs);

      run(
          "spark-cluster",
          Bundle.SPARK,
          source,
          dynamo,
          work,
          logs,
          List.of(
              "--runner=SparkRunner",
              "--sparkMaster=" + spark.masterUrl(),
              "--filesToStage=" + Bundle.SPARK.jar()),
          spark::diagnostics);
      String state = spark.masterState();
      assertTrue(
          state != null && state.matches("(?s).*\"completedapps\"\\s*:\\s*\\[\\s*\\{.*"),
          "no completed application on the Spark master: " + state);
      assertEquals(List.of(), Loopback.listenersOffLoopback(daemons), "listening off loopback");

      MigratedTables direct = MigratedTables.scan(client, "direct_");
      System.out.println("items per table: " + direct.countsByTable());
      assertTrue(direct.size() > 1_000, "too few items to mean anything: " + direct.size());
      for (String prefix : List.of("flink_cluster_", "spark_cluster_")) {
        MigratedTables migrated = MigratedTables.scan(client, prefix);
        List<String> diffs = migrated.differencesFrom(direct, 10);
        assertTrue(
            diffs.isEmpty(),
            prefix + " differs from direct_, first differences:\n" + String.join("\n", diffs));
        assertEquals(direct.size(), migrated.size());
      }
    } finally {
      Migration.dropPostgres(source);
    }
  }

  /**
   * One bundle run as a child process, table prefix {@code <name>_} ('-' as '_'); fails with the
   * cluster's diagnostics.
   */
  private static void run(
      String name,
      Bundle bundle,
      Migration.Source source,
      Dynalite dynamo,
      Path work,
      Path logs,
      List<String> runnerArgs,
      Supplier<String> diagnostics)
      throws InterruptedException {
    Path runWork = work.resolve(name);
    List<String> args =
        new ArrayList<>(
            Migration.arguments(source, dynamo.endpoint(), name.replace('-', '_') + "_", runWork));
    args.addAll(runnerArgs);
    ChildJvm.Spec spec = Migration.child(name, runWork);
    if (bundle == Bundle.SPARK) {
      // executors: 1 GB, the worker's 2 cores
      Migration.sparkDriverOnLoopback(spec)
          .jvm("-Dspark.executor.memory=1g", "-Dspark.cores.max=2");
    }
    long started = System.nanoTime();
    try (ChildJvm run = spec.jar(bundle.jar(), args).start(logs)) {
      int exit;
      try {
        exit = run.await(RUN_LIMIT);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + diagnostics.get(), e);
      }
      System.out.printf(
          "%s: exit %d after %.1f s (output: %s)%n",
          name, exit, (System.nanoTime() - started) / 1e9, run.log());
      assertEquals(0, exit, name + " run failed:\n" + run.tail(80) + "\n" + diagnostics.get());
      assertTrue(
          run.output().contains("Rejected rows: none"), name + " rejected rows:\n" + run.tail(80));
    }
  }

  private static String classpath(String property) throws java.io.IOException {
    String file = System.getProperty(property);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException(
          "cluster classpath "
              + file
              + " is missing: build with -Pclusters (its modules"
              + " flink-session-cluster and spark-standalone-cluster write it)");
    }
    return Files.readString(Path.of(file)).trim();
  }
}
