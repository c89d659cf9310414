package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.changelog.PrivatePostgresExtension;
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
import java.sql.Statement;
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
 * --mode=SYNC against a real change log (a private PostgreSQL with wal_level=logical) and dynalite:
 * bulk copy with the slot taken first, a workload buying, transferring and deleting tickets, adding
 * persons and renaming a team from several connections while the sync runs, then caught up and
 * verified; a replay of the whole stream changes no item; a sync killed mid-workload resumes and
 * loses nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SyncTest {
  @RegisterExtension
  static final PrivatePostgresExtension postgres = new PrivatePostgresExtension();

  private static Dynalite dynamo;

  @BeforeAll
  static void startDynamo() {
    dynamo = Dynalite.start();
  }

  @AfterAll
  static void stopDynamo() {
    dynamo.close();
  }

  /** A generated DMS_SAMPLE schema of its own on the private server, ready to be followed. */
  private static String newSource() throws Exception {
    String schema = "sync_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = postgres.get().connect()) {
      SourceSchema.create(c, Dialect.POSTGRESQL, schema);
      DataGenerator.forTickets(1_500, 7).generate(c, Dialect.POSTGRESQL, schema);
      try (Statement s = c.createStatement()) {
        // the four tables whose item keys use non-key columns (docs/operations.md)
        for (String table : List.of("sport_league", "sport_team", "player", "sporting_event")) {
          s.execute("ALTER TABLE " + schema + "." + table + " REPLICA IDENTITY FULL");
        }
      }
    }
    return schema;
  }

  private static List<String> options(String schema, String prefix, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + postgres.get().jdbcUrl(),
                "--sourceUser=postgres",
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                "--sourceSchema=" + schema,
                "--dynamoEndpoint=" + dynamo.endpoint(),
                "--dynamoLocal=true",
                "--tablePrefix=" + prefix,
                "--deadLetterDir=" + out.resolve("dead-letters"),
                "--verifyOutputDir=" + out.resolve("verify"),
                "--reportPath=" + out.resolve("run-report.json"),
                "--syncSlot=" + schema + "_slot",
                "--syncPublication=" + schema + "_pub",
                "--syncStateDir=" + out.resolve("sync-state"),
                "--progressIntervalSeconds=1"));
    for (String option : extra) {
      String name = option.substring(0, option.indexOf('=') + 1);
      args.removeIf(a -> a.startsWith(name));
      args.add(option);
    }
    return args;
  }

  private static Run run(String schema, String prefix, Path out, String... extra) {
    return Run.of(options(schema, prefix, out, extra).toArray(new String[0]));
  }

  private static Map<String, Map<String, String>> items(String prefix, TargetTable table) {
    try (DynamoDbClient client = DynamoTarget.local(dynamo.endpoint()).newClient()) {
      return TargetItems.scan(client, table.tableName(prefix));
    }
  }

  @Test
  void followsAWorkloadUntilCaughtUpAndAReplayChangesNothing(@TempDir Path out) throws Exception {
    String schema = newSource();
    String prefix = schema + "_";
    Run copy = run(schema, prefix, out, "--mode=MIGRATE");
    assertEquals(0, copy.exit(), copy.output());
    assertTrue(copy.stdout().contains("Change log: slot " + schema + "_slot"), copy.stdout());
    // a second slot from the same moment: the whole stream once more, for the replay below
    try (Connection c = postgres.get().connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_create_logical_replication_slot('" + schema + "_replay', 'pgoutput')");
    }

    TicketWorkload workload = new TicketWorkload(postgres.get().jdbcUrl(), schema, 10).start(4);
    Thread.sleep(3_000);
    // a sync while the site keeps selling: it stops once what was committed before it is applied
    Run during = run(schema, prefix, out, "--mode=SYNC", "--stopWhenCaughtUp=true");
    assertEquals(0, during.exit(), during.output());
    assertTrue(during.stdout().contains("Caught up"), during.stdout());
    Thread.sleep(2_000);
    workload.stop();
    assertTrue(workload.committed() > 50, "the workload committed " + workload.committed());

    Run last = run(schema, prefix, out, "--mode=SYNC", "--stopWhenCaughtUp=true");
    assertEquals(0, last.exit(), last.output());
    // progress lines count the changes applied and show the lag (which phases, varies by timing)
    assertTrue(
        last.stdout()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("progress [")
                        && l.contains(" changes applied")
                        && l.contains("lag ")),
        last.stdout());
    Run verify = run(schema, prefix, out, "--mode=VERIFY");
    assertEquals(0, verify.exit(), verify.output());

    Map<String, Map<String, String>> tickets = items(prefix, TargetTable.TICKET_SALES);
    Map<String, Map<String, String>> config = items(prefix, TargetTable.CONFIG);
    Run replay =
        run(
            schema,
            prefix,
            out,
            "--mode=SYNC",
            "--stopWhenCaughtUp=true",
            "--syncSlot=" + schema + "_replay",
            "--syncStateDir=" + out.resolve("replay-state"));
    assertEquals(0, replay.exit(), replay.output());
    // the replay rebuilt every key again and found each item current
    assertTrue(replay.stdout().contains("unchanged." + prefix), replay.stdout());
    // every item, its position included, as it was
    assertEquals(tickets, items(prefix, TargetTable.TICKET_SALES));
    assertEquals(config, items(prefix, TargetTable.CONFIG));
  }

  @Test
  void aSyncKilledMidWorkloadResumesAndLosesNothingOfTheCopyOrAfter(@TempDir Path out)
      throws Exception {
    String schema = newSource();
    String prefix = schema + "_";
    // the site sells while the copy runs: those changes reach the target through the sync
    TicketWorkload workload = new TicketWorkload(postgres.get().jdbcUrl(), schema, 10).start(4);
    assertEquals(0, run(schema, prefix, out, "--mode=MIGRATE").exit());
    for (int kill = 0; kill < 2; kill++) {
      List<String> command = Run.childCommand();
      List<String> sync = options(schema, prefix, out, "--mode=SYNC");
      sync.remove("--runner=DirectRunner");
      command.addAll(sync);
      Path log = out.resolve("sync-" + kill + ".log");
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.currentTimeMillis() + 60_000;
      while (child.isAlive()
          && !Files.readString(log).contains("changes applied")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(500);
      assertTrue(child.isAlive(), Files.readString(log));
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    workload.stop();

    Run last = run(schema, prefix, out, "--mode=SYNC", "--stopWhenCaughtUp=true");
    assertEquals(0, last.exit(), last.output());
    Run verify = run(schema, prefix, out, "--mode=VERIFY");
    assertEquals(0, verify.exit(), verify.output());
  }

  @Test
  void aSyncOfATicketSliceWritesNothingOutsideIt(@TempDir Path out) throws Exception {
    String schema = newSource();
    String prefix = schema + "_";
    assertEquals(0, run(schema, prefix, out, "--mode=MIGRATE").exit());
    TicketWorkload workload = new TicketWorkload(postgres.get().jdbcUrl(), schema, 20).start(4);
    Thread.sleep(4_000);
    workload.stop();
    Map<String, Map<String, String>> before = items(prefix, TargetTable.TICKET_SALES);
    long middle = 750;

    Run slice =
        run(
            schema,
            prefix,
            out,
            "--mode=SYNC",
            "--stopWhenCaughtUp=true",
            "--tables=sporting_event_ticket,ticket_purchase_hist",
            "--maxTicketId=" + middle);
    assertEquals(0, slice.exit(), slice.output());
    Map<String, Map<String, String>> after = items(prefix, TargetTable.TICKET_SALES);
    int inside = 0;
    for (String key : union(before.keySet(), after.keySet())) {
      long ticket = Long.parseLong(key.substring("TICKET#".length(), key.indexOf('|')));
      if (ticket > middle) {
        assertEquals(before.get(key), after.get(key), "outside the slice: " + key);
      } else if (!java.util.Objects.equals(before.get(key), after.get(key))) {
        inside++;
      }
    }
    assertTrue(inside > 0, "the slice's sync changed nothing inside it");
    Run verifySlice =
        run(
            schema,
            prefix,
            out,
            "--mode=VERIFY",
            "--tables=sporting_event_ticket,ticket_purchase_hist",
            "--maxTicketId=" + middle);
    assertEquals(0, verifySlice.exit(), verifySlice.output());

    // a row the builders reject: a dead letter with the row and the reason, the ticket's items
    // gone (a fresh migration would not write them), and the exit code of too many rejected rows
    long bad;
    try (Connection c = postgres.get().connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT min(id) FROM " + schema + ".sporting_event_ticket")) {
      rs.next();
      bad = rs.getLong(1);
      s.execute(
          "UPDATE "
              + schema
              + ".sporting_event_ticket SET ticket_price = 500000 WHERE id = "
              + bad);
    }
    Run rejected =
        run(
            schema,
            prefix,
            out,
            "--mode=SYNC",
            "--stopWhenCaughtUp=true",
            "--tables=sporting_event_ticket,ticket_purchase_hist",
            "--maxTicketId=" + middle);
    assertEquals(Migrate.TOO_MANY_REJECTED, rejected.exit(), rejected.output());
    assertTrue(
        items(prefix, TargetTable.TICKET_SALES).keySet().stream()
            .noneMatch(k -> k.startsWith("TICKET#" + bad + "|")),
        "the rejected ticket's items are still there");
    String letters;
    try (var files = Files.list(out.resolve("dead-letters"))) {
      Path file =
          files.filter(f -> f.getFileName().toString().endsWith("-sync.jsonl")).findFirst().get();
      letters = Files.readString(file);
    }
    assertTrue(letters.contains("ticket_price 500000"), letters);
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** One line on stderr, exit 2, and no stack trace. */
  private static void assertRefused(Run run, String expected) {
    assertEquals(Migrate.USAGE, run.exit(), run.output());
    assertTrue(run.stderr().contains(expected), run.stderr());
    assertTrue(!run.output().contains("\tat "), run.output());
  }

  @Test
  void sourcesItCannotFollowAreRefusedWithOneLine(@TempDir Path out) throws Exception {
    String schema = newSource();
    String prefix = schema + "_";
    // no copy took the slot yet: a sync would miss what changed between a copy and itself
    assertRefused(
        run(schema, prefix, out, "--mode=SYNC"),
        "replication slot '" + schema + "_slot' does not exist: run --mode=MIGRATE --syncSlot=");
    try (Connection c = postgres.get().connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + schema + ".sporting_event REPLICA IDENTITY DEFAULT");
    }
    assertRefused(
        run(schema, prefix, out, "--mode=SYNC"),
        "ALTER TABLE " + schema + ".sporting_event REPLICA IDENTITY FULL");
    assertRefused(run(schema, prefix, out, "--mode=SYNC", "--syncLanes=0"), "--syncLanes");
    // the machine's own server keeps wal_level=replica
    try (TestSource local = TestSource.create(TestSource.Kind.POSTGRESQL).generate(100, 3)) {
      Run replica =
          Run.migrate(
              local,
              dynamo.endpoint(),
              prefix,
              out,
              "--mode=SYNC",
              "--syncStateDir=" + out.resolve("state"),
              "--reportPath=" + out.resolve("report.json"));
      assertRefused(replica, "needs wal_level=logical");
    }
    // the embedded demo has no change log to follow
    assertRefused(
        Run.of("--mode=SYNC", "--reportPath=" + out.resolve("demo.json")),
        "--mode=SYNC and --syncSlot follow the change log of PostgreSQL, MySQL or SQL Server");
  }
}
