package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.faultproxy.Fault;
import dev.ticketmigration.faultproxy.FaultProxy;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.runners.Migration.Bundle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When DynamoDB hands back the same items as unprocessed until the writer gives up, Beam's
 * DynamoDBIO logs the whole remaining batch at ERROR. The direct bundle, with the logging
 * configuration it ships, must fail with one error line and print no person's name.
 *
 * <p>Beam fixes the writer's re-sends of unprocessed items at 25 (its batch size), backing off from
 * the client's throttled base backoff to at most its maximum backoff with +-50% jitter (about six
 * minutes per batch with the defaults); --writeMaxBackoffMillis keeps the test short.
 */
class NoPersonDataInLogsTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(12);

  @Test
  void writesThatNeverSucceedLogNoPersonData(@TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "person-data");
    Migration.Source source = Migration.generatedH2(work, 200, 3);
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(source.url(), source.user(), "")) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT full_name FROM person")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    assertTrue(names.size() >= 100, "too few persons to mean anything: " + names.size());

    try (Dynalite dynamo = Dynalite.start();
        FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .onlyFor("BatchWriteItem")
                .permanent(Fault.UNPROCESSED)
                .unprocessedShare(1.0)
                .build()
                .start()) {
      List<String> args =
          new ArrayList<>(Migration.arguments(source, proxy.endpoint(), "pii_", work));
      args.add("--runner=DirectRunner");
      args.add("--tables=person");
      args.add("--writeRetries=1");
      args.add("--writeMaxBackoffMillis=20");
      // a worker thread for every bundle (here about one per person): the DirectRunner's driver
      // shares that pool, so with more bundles than threads it sees the first failure only after
      // further waves of six-minute flushes
      args.add("--targetParallelism=128");
      try (ChildJvm run =
          Migration.child("direct-unprocessed", work).jar(Bundle.DIRECT.jar(), args).start(logs)) {
        int exit = run.await(RUN_LIMIT);
        String out = run.output();
        assertEquals(1, exit, run.tail(40));
        assertTrue(proxy.withheldItems() > 0, "no item was withheld: " + proxy.injectedCounts());
        List<String> errors = out.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), out);
        assertTrue(errors.get(0).contains("unprocessed items"), errors.get(0));
        for (String name : names) {
          assertFalse(out.contains(name), "a person's name is in the output: " + name + "\n" + out);
        }
        assertFalse(out.contains("AttributeValue("), "an item is in the output:\n" + out);
      }
    }
  }
}
