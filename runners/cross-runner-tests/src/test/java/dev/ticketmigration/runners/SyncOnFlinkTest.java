package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.changelog.PrivatePostgresExtension;
import dev.ticketmigration.changelog.TicketWorkload;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.runners.Migration.Bundle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink bundle follows a real change log ({@code java -jar ... --runner=FlinkRunner
 * --mode=SYNC}, Flink's embedded cluster): the copy takes the slot first, a workload sells and
 * transfers tickets while the sync runs on Flink and exits once caught up; after the workload a
 * DirectRunner sync on the same slot and state folder takes the rest, and the tables verify.
 */
class SyncOnFlinkTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

  @RegisterExtension
  static final PrivatePostgresExtension postgres = new PrivatePostgresExtension();

  @Test
  void flinkBundleKeepsTheTargetInStep(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "sync-flink");
    follow(
        postgres,
        work,
        logs,
        List.of(
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--flinkConfDir=" + Migration.flinkLoopbackConf(work.resolve("flink"))));
  }

  /**
   * Copy (slot first), a workload with a sync on Flink ({@code flinkArgs}: the runner and where it
   * runs) that exits when caught up, a last sync once the workload stopped, and a verify.
   */
  static void follow(
      PrivatePostgresExtension postgres, Path work, Path logs, List<String> flinkArgs)
      throws Exception {
    Migration.Source source = Migration.generatedPostgres(postgres.get().jdbcUrl(), 1_500, 17);
    try (Connection c = postgres.get().connect();
        Statement s = c.createStatement()) {
      for (String table : List.of("sport_league", "sport_team", "player", "sporting_event")) {
        s.execute("ALTER TABLE " + source.schema() + "." + table + " REPLICA IDENTITY FULL");
      }
    }
    try (Dynalite dynamo = Dynalite.start()) {
      List<String> common =
          new ArrayList<>(Migration.arguments(source, dynamo.endpoint(), "sync_flink_", work));
      common.add("--syncSlot=" + source.schema() + "_slot");
      common.add("--syncPublication=" + source.schema() + "_pub");
      common.add("--syncStateDir=" + work.resolve("sync-state"));
      common.add("--progressIntervalSeconds=2");
      List<String> sync = new ArrayList<>(flinkArgs);
      sync.addAll(List.of("--mode=SYNC", "--stopWhenCaughtUp=true"));

      run("copy", Bundle.DIRECT, common, work, logs, "--runner=DirectRunner", "--mode=MIGRATE");
      TicketWorkload workload =
          new TicketWorkload(postgres.get().jdbcUrl(), source.schema(), 10).start(4);
      Thread.sleep(3_000);
      String during =
          run("sync-during", Bundle.FLINK, common, work, logs, sync.toArray(new String[0]));
      assertTrue(during.contains("Caught up"), during);
      workload.stop();
      assertTrue(workload.committed() > 50, "the workload committed " + workload.committed());
      // the rest on the DirectRunner: the same slot and state folder, whichever runner follows
      String last =
          run(
              "sync-last",
              Bundle.DIRECT,
              common,
              work,
              logs,
              "--runner=DirectRunner",
              "--mode=SYNC",
              "--stopWhenCaughtUp=true");
      assertTrue(last.contains("Caught up"), last);
      run("verify", Bundle.DIRECT, common, work, logs, "--runner=DirectRunner", "--mode=VERIFY");
    }
  }

  /** One bundle run as a child JVM; returns its output after asserting exit 0. */
  private static String run(
      String name, Bundle bundle, List<String> common, Path work, Path logs, String... extra)
      throws InterruptedException {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of(extra));
    try (ChildJvm run =
        Migration.child(name, work.resolve(name)).jar(bundle.jar(), args).start(logs)) {
      int exit = run.await(RUN_LIMIT);
      assertEquals(0, exit, name + " failed:\n" + run.tail(60));
      return run.output();
    }
  }
}
