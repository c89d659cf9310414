package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.testdata.DataGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first hour: the bundle's {@code generate} command fills a database (and refuses to
 * mix its rows into tables that already hold some), and the DirectRunner refuses a source larger
 * than its heap can hold before reading it, naming the Flink bundle and --force.
 */
class FirstHourTest {

  @Test
  void generateFillsADatabaseAndRefusesToMixRows() throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.POSTGRESQL)) {
      String url = source.url() + "?reWriteBatchedInserts=true";
      Run first =
          Run.of(
              "generate",
              "--url=" + url,
              "--user=postgres",
              "--schema=" + source.schema(),
              "--tickets=3000",
              "--seed=7",
              "--create");
      assertEquals(0, first.exit(), first.output());
      long expected = DataGenerator.forTickets(3000, 7).ticketCount();
      assertEquals(expected, tickets(source));

      // again into the same, now non-empty, schema: one line naming --drop, nothing added
      Run again =
          Run.of(
              "generate",
              "--url=" + url,
              "--user=postgres",
              "--schema=" + source.schema(),
              "--tickets=3000");
      assertEquals(Migrate.USAGE, again.exit(), again.output());
      assertEquals(1, again.stderr().strip().lines().count(), again.stderr());
      assertTrue(again.stderr().contains("--drop"), again.stderr());
      assertTrue(again.stderr().contains("already holds DMS_SAMPLE rows"), again.stderr());
      assertEquals(expected, tickets(source));

      // --drop --create starts over with another size
      Run over =
          Run.of(
              "generate",
              "--url",
              url,
              "--user",
              "postgres",
              "--schema",
              source.schema(),
              "--tickets",
              "1500",
              "--drop",
              "--create");
      assertEquals(0, over.exit(), over.output());
      assertEquals(DataGenerator.forTickets(1500, 42).ticketCount(), tickets(source));
    }
  }

  @Test
  void generateExplainsBadArguments() {
    Run noUrl = Run.of("generate", "--tickets=100");
    assertEquals(Migrate.USAGE, noUrl.exit());
    assertTrue(noUrl.stderr().startsWith("error: --url is required"), noUrl.stderr());
    Run badNumber = Run.of("generate", "--url=jdbc:h2:mem:x", "--tickets=lots");
    assertTrue(badNumber.stderr().contains("--tickets must be a whole number"), badNumber.stderr());
    Run noTables = Run.of("generate", "--url=jdbc:h2:mem:first_hour_empty", "--tickets=1000");
    assertEquals(Migrate.USAGE, noTables.exit(), noTables.output());
    assertTrue(noTables.stderr().contains("--create"), noTables.stderr());
    Run help = Run.of("generate", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.stdout().contains("--tickets"), help.stdout());
    assertTrue(Run.of("--help").stdout().contains("generate --url="), "migration help names it");
  }

  @Test
  void theDirectRunnerRefusesASourceLargerThanItsHeap(@TempDir Path out) throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.POSTGRESQL).generate(12_000, 3)) {
      List<String> command = Run.childCommand("-Xmx64m");
      command.addAll(
          List.of(
              "--sourceUrl=" + source.url(),
              "--sourceUser=postgres",
              "--sourceSchema=" + source.schema(),
              "--dynamoEndpoint=http://127.0.0.1:1",
              "--dynamoLocal=true",
              "--mode=PLAN",
              "--reportPath=" + out.resolve("report.json"),
              "--deadLetterDir=" + out.resolve("dead-letters")));
      Path log = out.resolve("child.log");
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the refused run did not end");
      String printed = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(Migrate.USAGE, child.exitValue(), printed);
      assertTrue(printed.contains("ticket-migration-flink.jar"), printed);
      assertTrue(printed.contains("--force=true"), printed);
      assertFalse(printed.contains("progress"), "refused before reading: " + printed);
      assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
    }
  }

  private static long tickets(TestSource source) throws Exception {
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM " + source.table("sporting_event_ticket"))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
