package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Re-running is safe: a second run leaves the same tables, a run killed midway (the process, not a
 * clean stop) is completed by a re-run, and changes made to the source after the copy are found by
 * verify and fixed by its repair — the cut-over procedure of the README.
 */
class RestartTest {
  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 1_000, 21);

  private static long count(String table) {
    try (DynamoDbClient client = DynamoTarget.local(env.dynamo().endpoint()).newClient()) {
      return client.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
          .mapToLong(r -> r.count())
          .sum();
    } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
      return 0;
    }
  }

  @Test
  void killedRunIsCompletedByARerunAndRerunsChangeNothing(@TempDir Path out) throws Exception {
    String prefix = "restart_" + System.nanoTime() + "_";
    String tickets = TargetTable.TICKET_SALES.tableName(prefix);

    // a slowed-down run in its own JVM, killed with SIGKILL once part of the items are written
    List<String> command = Run.childCommand();
    command.addAll(env.sourceOptions());
    command.addAll(
        List.of(
            "--dynamoEndpoint=" + env.dynamo().endpoint(),
            "--dynamoLocal=true",
            "--tablePrefix=" + prefix,
            "--deadLetterDir=" + out.resolve("killed-dead-letters"),
            "--reportPath=",
            "--maxWriteRate=250"));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("killed.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (count(tickets) < 200 && child.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    assertTrue(child.isAlive(), "the run finished before it could be killed");
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long partial = count(tickets);
    assertTrue(partial > 0, "nothing was written before the kill");

    Run verifyPartial = env.migrate(prefix, out, "--mode=VERIFY");
    assertEquals(Migrate.NOT_VERIFIED, verifyPartial.exit(), verifyPartial.output());

    Run rerun = env.migrate(prefix, out);
    assertEquals(0, rerun.exit(), rerun.output());
    long complete = count(tickets);
    assertTrue(complete > partial, complete + " <= " + partial);
    assertEquals(0, env.migrate(prefix, out, "--mode=VERIFY").exit());

    // once more: idempotent
    long configItems = count(TargetTable.CONFIG.tableName(prefix));
    assertEquals(0, env.migrate(prefix, out).exit());
    assertEquals(complete, count(tickets));
    assertEquals(configItems, count(TargetTable.CONFIG.tableName(prefix)));

    // the source keeps changing after the bulk copy: verify finds the delta, repair fixes it
    env.source()
        .exec(
            "UPDATE "
                + env.source().table("sporting_event_ticket")
                + " SET ticket_price = 99.9900"
                + " WHERE id = 10",
            "UPDATE "
                + env.source().table("person")
                + " SET full_name = 'Renamed Person' WHERE id = 2",
            "INSERT INTO "
                + env.source().table("sport_type")
                + " (name, description)"
                + " VALUES ('cricket', 'added during the migration')");
    Run delta = env.migrate(prefix, out, "--mode=VERIFY");
    assertEquals(Migrate.NOT_VERIFIED, delta.exit(), delta.output());
    assertTrue(
        delta.stdout().contains("TICKET#10 | TICKET: attributes [ticket_price]"), delta.stdout());
    assertTrue(
        delta.stdout().contains("PERSON#2 | PROFILE: attributes [GSI1_PK, full_name, name]"),
        delta.stdout());
    assertTrue(
        delta
            .stdout()
            .contains("MISSING " + TargetTable.CONFIG.tableName(prefix) + " SPORT_TYPE | cricket"),
        delta.stdout());
    env.migrate(prefix, out, "--mode=VERIFY", "--repair");
    Run repaired = env.migrate(prefix, out, "--mode=VERIFY");
    assertEquals(0, repaired.exit(), repaired.output());
  }
}
