package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --mode=READ reads every selected row through the migration's readers and touches no target. */
class ReadModeTest {

  @Test
  void countsEverySelectedRowAndWritesNothing(@TempDir Path out) throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.H2).generate(800, 5)) {
      // nothing listens on port 1: a READ run must not need DynamoDB at all
      Run all = Run.migrate(source, "http://127.0.0.1:1", "", out, "--mode=READ");
      assertEquals(Migrate.OK, all.exit(), all.output());
      assertTrue(all.stdout().contains("nothing is built or written"), all.stdout());
      assertFalse(all.stdout().contains("Items written"), all.stdout());
      for (String table :
          new String[] {"sporting_event_ticket", "ticket_purchase_hist", "person", "seat"}) {
        assertEquals(count(source, table), printedRows(all.stdout(), table), table);
      }
      assertFalse(
          Files.exists(out.resolve("dead-letters")) && hasFiles(out.resolve("dead-letters")));

      Run tickets =
          Run.migrate(
              source,
              "http://127.0.0.1:1",
              "",
              out,
              "--mode=READ",
              "--tables=sporting_event_ticket,ticket_purchase_hist");
      assertEquals(Migrate.OK, tickets.exit(), tickets.output());
      assertEquals(
          count(source, "sporting_event_ticket"),
          printedRows(tickets.stdout(), "sporting_event_ticket"));
      assertEquals(-1, printedRows(tickets.stdout(), "person"), tickets.stdout());
      // the read stage's own rate, timed from its first row to its last, over every row it read
      Matcher stage =
          Pattern.compile("Read stage: ([\\d,]+) rows from the first to the last in [\\d.]+ s")
              .matcher(tickets.stdout());
      assertTrue(stage.find(), tickets.stdout());
      assertEquals(
          count(source, "sporting_event_ticket") + count(source, "ticket_purchase_hist"),
          Long.parseLong(stage.group(1).replace(",", "")));

      // no endpoint, no region, no AWS credentials: a READ run needs none of them
      Run noTarget =
          Run.of(
              "--runner=DirectRunner",
              "--mode=READ",
              "--sourceUrl=" + source.url(),
              "--sourceUser=" + source.user(),
              "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
              "--deadLetterDir=" + out.resolve("dl2"),
              "--reportPath=" + out.resolve("r.json"),
              "--tables=person");
      assertEquals(Migrate.OK, noTarget.exit(), noTarget.output());
      assertEquals(count(source, "person"), printedRows(noTarget.stdout(), "person"));
      assertTrue(
          tickets.stdout().matches("(?s).*Elapsed [\\d.]+ s, [\\d,]+ rows read.*"),
          tickets.stdout());
    }
  }

  private static long count(TestSource source, String table) throws Exception {
    try (Connection c = source.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The summary's count for {@code table}, or -1 when it has no line. */
  private static long printedRows(String stdout, String table) {
    Matcher m = Pattern.compile("(?m)^  " + table + " +([\\d,]+)$").matcher(stdout);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
  }

  private static boolean hasFiles(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    }
  }
}
