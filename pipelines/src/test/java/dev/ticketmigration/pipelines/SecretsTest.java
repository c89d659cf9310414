package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source password appears nowhere a run leaves text: not in any log line (INFO and up, every
 * logger), not on stdout or stderr, not in the run report or the options it records, not in the
 * dead letters — whether it comes from an environment variable, a file, or inline in the URL.
 */
class SecretsTest {
  private static final String ENV_SECRET = "Env-S3cret-4711";
  private static final String FILE_SECRET = "File-S3cret-0815";
  private static final String URL_SECRET = "Url-S3cret-1234";
  private static Dynalite dynamo;
  private static TestSource source;

  @BeforeAll
  static void setUp() throws Exception {
    dynamo = Dynalite.start();
    // PostgreSQL here trusts local connections, so any password is accepted and the run succeeds
    source = TestSource.create(TestSource.Kind.POSTGRESQL).generate(300, 2);
  }

  @AfterAll
  static void tearDown() throws Exception {
    source.close();
    dynamo.close();
  }

  @Test
  void passwordNeverLeaves(@TempDir Path out) throws Exception {
    Path passwordFile = out.resolve("password");
    Files.writeString(passwordFile, FILE_SECRET + "\n");
    String urlWithSecret = source.url() + "?password=" + URL_SECRET;

    String logs = runChild(out, "env", source.url(), List.of());
    logs += runChild(out, "file", source.url(), List.of("--sourcePasswordFile=" + passwordFile));
    logs += runChild(out, "url", urlWithSecret, List.of("--mode=VERIFY"));

    StringBuilder everything = new StringBuilder(logs);
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.equals(passwordFile)) {
          everything.append(Files.readString(f));
        }
      }
    }
    String text = everything.toString();
    assertTrue(text.contains("\"sourceUrl\""), "the run reports were not written");
    assertTrue(text.contains("password=***"), "the URL's password should show masked");
    for (String secret : List.of(ENV_SECRET, FILE_SECRET, URL_SECRET)) {
      assertFalse(text.contains(secret), secret + " leaked");
    }
  }

  /** Runs the entry point in its own JVM with INFO logging for every logger; returns its output. */
  private static String runChild(Path out, String name, String url, List<String> extra)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-cp", System.getProperty("java.class.path"),
        Migrate.class.getName(),
        "--runner=DirectRunner",
        "--sourceUrl=" + url, "--sourceUser=" + source.user(),
        "--sourceSchema=" + source.schema(),
        "--dynamoEndpoint=" + dynamo.endpoint(), "--dynamoLocal=true", "--tablePrefix=secrets_",
        "--deadLetterDir=" + out.resolve(name + "-dead-letters"),
        "--verifyOutputDir=" + out.resolve(name + "-verify"),
        "--reportPath=" + out.resolve(name + "-report.json")));
    command.addAll(extra);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOURCE_PASSWORD", ENV_SECRET);
    Path log = out.resolve(name + ".log");
    Process p = builder.redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), name + " run did not finish");
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    return output;
  }
}
