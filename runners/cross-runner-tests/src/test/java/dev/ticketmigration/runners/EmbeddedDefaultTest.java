package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.runners.Migration.Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, exactly: {@code java -jar ticket-migration-direct.jar} with no
 * argument generates the embedded H2 source, starts dynalite, migrates and prints what it did. It
 * runs in a scratch folder rather than the project folder (so its outputs land there), which is why
 * it is told where the project's dynalite is.
 */
class EmbeddedDefaultTest {

  @Test
  void theDemoCommandMigratesTheEmbeddedDefault(@TempDir Path work) throws Exception {
    Path jar = Bundle.DIRECT.jar();
    Path project = jar.getParent().getParent().getParent().getParent();
    try (ChildJvm run =
        Migration.child("embedded-default", work)
            .env("DYNALITE_HOME", project.resolve("local-dynamodb").toString())
            .jar(jar, List.of())
            .start(work.resolve("logs"))) {
      int exit = run.await(Duration.ofMinutes(5));
      String out = run.output();
      assertEquals(0, exit, "the demo failed:\n" + run.tail(60));
      assertTrue(out.contains("Generated "), out);
      assertTrue(out.contains("Rejected rows: none"), out);
      // every generated ticket became its ticket item
      assertEquals(
          count(out, "  sporting_event_ticket +([\\d,]+)"),
          count(out, "  ticket_sales +TICKET +([\\d,]+)"),
          out);
      assertTrue(count(out, "  sporting_event_ticket +([\\d,]+)") >= 1_000, out);
      assertTrue(Files.isRegularFile(work.resolve("migration-output/run-report.json")));
    }
  }

  private static long count(String output, String regex) {
    Matcher m = Pattern.compile("(?m)^" + regex + "$").matcher(output);
    assertTrue(m.find(), "no line matching " + regex + " in:\n" + output);
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
