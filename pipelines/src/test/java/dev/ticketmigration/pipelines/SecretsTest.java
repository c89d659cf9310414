package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  /** A SQL Server key: PostgreSQL's driver ignores parameters it does not know. */
  private static final String AAD_SECRET = "Aad-S3cret-5678";

  // PostgreSQL here trusts local connections, so any password is accepted and the run succeeds
  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 300, 2);

  @Test
  void passwordNeverLeaves(@TempDir Path out) throws Exception {
    Path passwordFile = out.resolve("password");
    Files.writeString(passwordFile, FILE_SECRET + "\n");
    String urlWithSecret =
        env.source().url() + "?password=" + URL_SECRET + "&aadSecurePrincipalSecret=" + AAD_SECRET;

    String logs = runChild(out, "env", env.source().url(), List.of());
    logs +=
        runChild(out, "file", env.source().url(), List.of("--sourcePasswordFile=" + passwordFile));
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
    assertTrue(text.contains("aadSecurePrincipalSecret=***"), "the URL's other secret should show");
    for (String secret : List.of(ENV_SECRET, FILE_SECRET, URL_SECRET, AAD_SECRET)) {
      assertFalse(text.contains(secret), secret + " leaked");
    }
  }

  /**
   * JdbcIO publishes its URL as display data (the Flink and Spark UIs show it): the migration's and
   * the verify run's graphs hold the URL without its secrets, and no password.
   */
  @Test
  void displayDataHoldsNoSecret(@TempDir Path out) {
    String url =
        env.source().url() + "?password=" + URL_SECRET + "&aadSecurePrincipalSecret=" + AAD_SECRET;
    PipelineOptionsFactory.register(MigrationOptions.class);
    MigrationOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--sourceUrl=" + url,
                "--sourceUser=" + env.source().user(),
                "--sourceSchema=" + env.source().schema(),
                "--dynamoEndpoint=" + env.dynamo().endpoint(),
                "--dynamoLocal=true",
                "--tablePrefix=secrets_dd_",
                "--runId=display",
                "--deadLetterDir=" + out.resolve("dead-letters"),
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET")
            .as(MigrationOptions.class);
    RunSettings settings =
        RunSettingsResolver.resolve(options, new PrintStream(OutputStream.nullOutputStream()));
    Pipeline migrate = Pipeline.create(options);
    MigrationPipeline.build(migrate, settings);
    Pipeline verify = Pipeline.create(options);
    VerifyPipeline.build(verify, settings);
    for (Pipeline pipeline : List.of(migrate, verify)) {
      String shown = displayData(pipeline);
      assertTrue(shown.contains("jdbcUrl") && shown.contains(env.source().url()), shown);
      assertFalse(shown.contains(URL_SECRET) || shown.contains(AAD_SECRET), shown);
    }
  }

  /** The display data of every transform of the graph, composites and primitives. */
  private static String displayData(Pipeline pipeline) {
    StringBuilder shown = new StringBuilder();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (node.getTransform() != null) {
              shown.append(DisplayData.from(node.getTransform())).append('\n');
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            shown.append(DisplayData.from(node.getTransform())).append('\n');
          }
        });
    return shown.toString();
  }

  /** Runs the entry point in its own JVM with INFO logging for every logger; returns its output. */
  private static String runChild(Path out, String name, String url, List<String> extra)
      throws Exception {
    List<String> command = Run.childCommand("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.addAll(
        List.of(
            "--sourceUrl=" + url,
            "--sourceUser=" + env.source().user(),
            "--sourceSchema=" + env.source().schema(),
            "--dynamoEndpoint=" + env.dynamo().endpoint(),
            "--dynamoLocal=true",
            "--tablePrefix=secrets_",
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
