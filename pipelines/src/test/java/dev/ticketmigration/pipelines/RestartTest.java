package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Re-running is safe: a second run leaves the same tables, a run killed midway (the process, not
 * a clean stop) is completed by a re-run, and changes made to the source after the copy are found
 * by verify and fixed by its repair — the cut-over procedure of the README.
 */
class RestartTest {
  private static Dynalite dynamo;
  private static TestSource source;

  @BeforeAll
  static void setUp() throws Exception {
    dynamo = Dynalite.start();
    source = TestSource.create(TestSource.Kind.POSTGRESQL).generate(1_000, 21);
  }

  @AfterAll
  static void tearDown() throws Exception {
    source.close();
    dynamo.close();
  }

  private static long count(String table) {
    try (DynamoDbClient client = DynamoTarget.local(dynamo.endpoint()).newClient()) {
      return client.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
          .mapToLong(r -> r.count()).sum();
    } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
      return 0;
    }
  }

  @Test
  void killedRunIsCompletedByARerunAndRerunsChangeNothing(@TempDir Path out) throws Exception {
    String prefix = "restart_" + System.nanoTime() + "_";
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);

    // a slowed-down run in its own JVM, killed with SIGKILL once part of the items are written
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Migrate.class.getName(),
        "--runner=DirectRunner",
        "--sourceUrl=" + source.url(), "--sourceUser=" + source.user(),
        "--sourceSchema=" + source.schema(),
        "--dynamoEndpoint=" + dynamo.endpoint(), "--dynamoLocal=true", "--tablePrefix=" + prefix,
        "--deadLetterDir=" + out.resolve("killed-dead-letters"), "--reportPath=",
        "--maxWriteRate=250"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.resolve("killed.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (count(tickets) < 200 && child.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    assertTrue(child.isAlive(), "the run finished before it could be killed");
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long partial = count(tickets);
    assertTrue(partial > 0, "nothing was written before the kill");

    Run verifyPartial = Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY");
    assertEquals(Migrate.NOT_VERIFIED, verifyPartial.exit(), verifyPartial.output());

    Run rerun = Run.migrate(source, dynamo.endpoint(), prefix, out);
    assertEquals(0, rerun.exit(), rerun.output());
    long complete = count(tickets);
    assertTrue(complete > partial, complete + " <= " + partial);
    assertEquals(0, Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY").exit());

    // once more: idempotent
    long configItems = count(TargetTable.CONFIG.tableName(prefix));
    assertEquals(0, Run.migrate(source, dynamo.endpoint(), prefix, out).exit());
    assertEquals(complete, count(tickets));
    assertEquals(configItems, count(TargetTable.CONFIG.tableName(prefix)));

    // the source keeps changing after the bulk copy: verify finds the delta, repair fixes it
    source.exec(
        "UPDATE " + source.table("sporting_event_ticket") + " SET ticket_price = 99.9900"
            + " WHERE id = 10",
        "UPDATE " + source.table("person") + " SET full_name = 'Renamed Person' WHERE id = 2",
        "INSERT INTO " + source.table("sport_type") + " (name, description)"
            + " VALUES ('cricket', 'added during the migration')");
    Run delta = Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY");
    assertEquals(Migrate.NOT_VERIFIED, delta.exit(), delta.output());
    assertTrue(delta.stdout().contains("TICKET#10 | TICKET: attributes [ticket_price]"), delta.stdout());
    assertTrue(delta.stdout().contains("PERSON#2 | PROFILE: attributes [GSI1_PK, full_name, name]"),
        delta.stdout());
    assertTrue(delta.stdout().contains("MISSING " + TargetTable.CONFIG.tableName(prefix)
        + " SPORT_TYPE | cricket"), delta.stdout());
    Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY", "--repair");
    Run repaired = Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY");
    assertEquals(0, repaired.exit(), repaired.output());
  }
}
