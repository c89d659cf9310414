package dev.ticketmigration.runners;

import dev.ticketmigration.changelog.PrivatePostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync submitted to a Flink 1.19 standalone session cluster on loopback (-Pclusters): the same
 * flow as {@link SyncOnFlinkTest}, with the change-log reader running in the cluster's TaskManager,
 * a JVM of its own that reaches the private PostgreSQL and dynalite like the driver does.
 */
@EnabledIfSystemProperty(named = "clusters", matches = "true")
class SyncOnFlinkClusterTest {
  @RegisterExtension
  static final PrivatePostgresExtension postgres = new PrivatePostgresExtension();

  @Test
  void flinkClusterKeepsTheTargetInStep(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "sync-cluster");
    String classpath = Files.readString(Path.of(System.getProperty("flink.cluster.classpath")));
    try (FlinkSessionCluster flink =
        FlinkSessionCluster.start(classpath.trim(), work.resolve("flink"), logs)) {
      flink.awaitReady(Duration.ofSeconds(90));
      SyncOnFlinkTest.follow(
          postgres,
          work.resolve("runs"),
          logs,
          List.of("--runner=FlinkRunner", "--flinkMaster=" + flink.master(), "--parallelism=2"));
    }
  }
}
