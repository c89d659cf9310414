package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.runners.Migration.Bundle;
import dev.ticketmigration.runners.Migration.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "first hour on a real copy" commands, as written there, on the Flink bundle against
 * the local PostgreSQL: generate, a 1 % plan, a migration into a local DynamoDB kept in a folder,
 * and a verify that must pass. Only the schema name (unique per run), the size (--tickets) and
 * Flink's configuration folder (its embedded cluster bound to loopback) are changed, so the README
 * cannot drift from what works.
 */
class FirstHourExampleTest {
  private static final String MARKER = "FirstHourExampleTest";
  private static final String README_SCHEMA = "dms_sample";

  @Test
  void theReadmeFirstHourCommandsRunAsWritten(@TempDir Path work) throws Exception {
    Path jar = Bundle.FLINK.jar();
    Path project = jar.getParent().getParent().getParent().getParent();
    List<List<String>> commands = readmeCommands(project.resolve("README.md"));
    assertEquals(4, commands.size(), "the README's first-hour block: " + commands);

    String schema = "fh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Source source = new Source("jdbc:postgresql://127.0.0.1:5432/test", "postgres", schema);
    try {
      List<String> outputs = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        List<String> args = new ArrayList<>();
        for (String arg : commands.get(i)) {
          args.add(
              arg.replace("runners/flink/target/ticket-migration-flink.jar", jar.toString())
                  .replace("=" + README_SCHEMA, "=" + schema)
                  .replace("--tickets=1000000", "--tickets=3000"));
        }
        assertEquals("java", args.get(0));
        assertEquals("-jar", args.get(1));
        List<String> programArgs = new ArrayList<>(args.subList(3, args.size()));
        if (programArgs.contains("--runner=FlinkRunner")) {
          programArgs.add("--flinkConfDir=" + Migration.flinkLoopbackConf(work));
        }
        try (ChildJvm run =
            Migration.child("first-hour-" + i, work)
                .env("DYNALITE_HOME", project.resolve("local-dynamodb").toString())
                .jar(Path.of(args.get(2)), programArgs)
                .start(work.resolve("logs"))) {
          int exit = run.await(Duration.ofMinutes(5));
          assertEquals(0, exit, "README command " + (i + 1) + " failed:\n" + run.tail(60));
          outputs.add(run.output());
        }
      }
      assertTrue(outputs.get(0).contains("sporting_event_ticket"), outputs.get(0));
      assertTrue(outputs.get(1).contains("scaled up from a 1.00% sample"), outputs.get(1));
      assertTrue(outputs.get(2).contains("Rejected rows: none"), outputs.get(2));
      assertTrue(outputs.get(3).contains("VERIFIED: source and target agree."), outputs.get(3));
    } finally {
      Migration.dropPostgres(source);
    }
  }

  /**
   * The commands of the fenced block after the marker comment, one per line, split like a shell.
   */
  static List<List<String>> readmeCommands(Path readme) throws Exception {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int marker = text.indexOf(MARKER);
    assertTrue(marker > 0, "README.md has no block marked " + MARKER);
    int start = text.indexOf("```\n", marker) + 4;
    int end = text.indexOf("```", start);
    List<List<String>> commands = new ArrayList<>();
    for (String line : text.substring(start, end).split("\n")) {
      if (!line.isBlank()) {
        commands.add(words(line));
      }
    }
    return commands;
  }

  /** A shell line's words: blanks separate, single quotes keep their content whole. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
