package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.changelog.PrivateMariaDbExtension;
import dev.ticketmigration.changelog.TicketWorkload;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * --mode=SYNC from a MySQL binary log (Debezium's MySQL connector; a private MariaDB writes the ROW
 * binary log, see {@code PrivateMariaDb}) into dynalite: the copy stores the log's start first, a
 * workload sells, transfers, deletes, adds persons and renames a team during the copy and the sync,
 * and once caught up the target verifies; a second sync from the same start changes nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SyncFromBinlogTest {
  @RegisterExtension static final PrivateMariaDbExtension mariaDb = new PrivateMariaDbExtension();

  private static Dynalite dynamo;

  @BeforeAll
  static void startDynamo() {
    dynamo = Dynalite.start();
  }

  @AfterAll
  static void stopDynamo() {
    dynamo.close();
  }

  private static Run run(String database, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + mariaDb.get().jdbcUrl(database),
                "--sourceUser=root",
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                "--sourceSchema=" + database,
                "--dynamoEndpoint=" + dynamo.endpoint(),
                "--dynamoLocal=true",
                "--tablePrefix=" + database + "_",
                "--deadLetterDir=" + out.resolve("dead-letters"),
                "--verifyOutputDir=" + out.resolve("verify"),
                "--reportPath=" + out.resolve("run-report.json"),
                "--syncSlot=" + database,
                "--syncStateDir=" + out.resolve("sync-state"),
                "--progressIntervalSeconds=1"));
    for (String option : extra) {
      String name = option.substring(0, option.indexOf('=') + 1);
      args.removeIf(a -> a.startsWith(name));
      args.add(option);
    }
    return Run.of(args.toArray(new String[0]));
  }

  private static Map<String, Map<String, String>> items(String database, TargetTable table) {
    try (DynamoDbClient client = DynamoTarget.local(dynamo.endpoint()).newClient()) {
      return TargetItems.scan(client, table.tableName(database + "_"));
    }
  }

  @Test
  void followsTheBinaryLogThroughACopyUntilCaughtUpAndVerifies(@TempDir Path out) throws Exception {
    String database = "binlog_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    mariaDb.get().createDatabase(database);
    try (Connection c = mariaDb.get().connect(database)) {
      SourceSchema.create(c, Dialect.MARIADB, database);
      DataGenerator.forTickets(1_500, 7).generate(c, Dialect.MARIADB, database);
    }
    // no start was stored: a sync would miss what changed between a copy and itself
    Run early = run(database, out, "--mode=SYNC");
    assertEquals(Migrate.USAGE, early.exit(), early.output());
    assertTrue(
        early.stderr().contains("no change-log start '" + database + "' in --syncStateDir="),
        early.stderr());

    TicketWorkload workload =
        new TicketWorkload(mariaDb.get().jdbcUrl(database), "root", database, 10).start(4);
    Run copy = run(database, out, "--mode=MIGRATE");
    assertEquals(0, copy.exit(), copy.output());
    assertTrue(copy.stdout().contains("Change log: start '" + database + "' in "), copy.stdout());
    // the start as the copy stored it, for a replay of the whole stream below
    Files.createDirectories(out.resolve("start"));
    Files.copy(
        out.resolve("sync-state").resolve(database + ".offsets"),
        out.resolve("start").resolve(database + ".offsets"));
    Run during = run(database, out, "--mode=SYNC", "--stopWhenCaughtUp=true");
    assertEquals(0, during.exit(), during.output());
    assertTrue(during.stdout().contains("Caught up"), during.stdout());
    assertTrue(during.stdout().contains("last position applied binlog "), during.stdout());
    workload.stop();
    assertTrue(workload.committed() > 50, "the workload committed " + workload.committed());

    Run last = run(database, out, "--mode=SYNC", "--stopWhenCaughtUp=true");
    assertEquals(0, last.exit(), last.output());
    Run verify = run(database, out, "--mode=VERIFY");
    assertEquals(0, verify.exit(), verify.output());

    // the whole stream again from the copy's start: every item, its position included, as it was
    Map<String, Map<String, String>> tickets = items(database, TargetTable.TICKET_SALES);
    Map<String, Map<String, String>> config = items(database, TargetTable.CONFIG);
    Run replay =
        run(
            database,
            out,
            "--mode=SYNC",
            "--stopWhenCaughtUp=true",
            "--syncStateDir=" + out.resolve("start"));
    assertEquals(0, replay.exit(), replay.output());
    assertEquals(tickets, items(database, TargetTable.TICKET_SALES));
    assertEquals(config, items(database, TargetTable.CONFIG));
  }
}
