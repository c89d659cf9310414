package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.faultproxy.Fault;
import dev.ticketmigration.faultproxy.FaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's record is always true: every run, also one that stops at a bad option or whose pipeline
 * fails, replaces the report at --reportPath with its own (mode, state, exit code, error line); its
 * files carry its run id and are readable by their owner only; a relative output folder is refused
 * where workers run on other machines.
 */
class RunRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 200, 3);

  private static Path staleReport(Path out) throws Exception {
    Path report = out.resolve("report.json");
    Files.writeString(report, "{\"mode\":\"MIGRATE\",\"state\":\"DONE\",\"exit_code\":0}");
    return report;
  }

  @Test
  void aBadOptionReplacesTheOldReport(@TempDir Path out) throws Exception {
    Path report = staleReport(out);
    Run run = env.migrate("rr_", out, "--fetchSize=0", "--mode=VERIFY", "--reportPath=" + report);
    assertEquals(2, run.exit(), run.output());
    JsonNode json = JSON.readTree(report.toFile());
    assertEquals("VERIFY", json.get("mode").asText());
    assertEquals("NOT_STARTED", json.get("state").asText());
    assertEquals(2, json.get("exit_code").asInt());
    assertTrue(json.get("error").asText().contains("--fetchSize"), json.toString());
    assertTrue(json.has("run_id"), json.toString());
  }

  @Test
  void anUnparsableCommandLineStillWritesItsReport(@TempDir Path out) throws Exception {
    Path report = staleReport(out);
    Run run = Run.of("--noSuchOption=1", "--mode=PLAN", "--reportPath=" + report);
    assertEquals(2, run.exit(), run.output());
    JsonNode json = JSON.readTree(report.toFile());
    assertEquals("PLAN", json.get("mode").asText());
    assertEquals(2, json.get("exit_code").asInt());
    assertTrue(json.get("error").asText().contains("noSuchOption"), json.toString());
  }

  @Test
  void aFailedPipelineIsRecordedAsFailed(@TempDir Path out) throws Exception {
    Path report = staleReport(out);
    try (FaultProxy proxy = env.faultyWrites().permanent(Fault.HTTP_500).build().start()) {
      Run run =
          env.migrateThrough(
              proxy,
              "rrfail_" + System.nanoTime() + "_",
              out,
              "--writeRetries=0",
              "--tables=sport_type",
              "--runId=failing",
              "--reportPath=" + report);
      assertEquals(1, run.exit(), run.output());
      JsonNode json = JSON.readTree(report.toFile());
      assertEquals("FAILED", json.get("state").asText(), json.toString());
      assertEquals(1, json.get("exit_code").asInt());
      assertEquals("failing", json.get("run_id").asText());
      assertTrue(json.get("error").asText().startsWith("the run failed"), json.toString());
    }
    // the dead-letter folder holds source rows: readable by its owner only
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("dead-letters"))));
  }

  @Test
  void filesAreNamedByTheRunAndOwnerOnly(@TempDir Path out) throws Exception {
    String prefix = "rrfiles_" + System.nanoTime() + "_";
    env.source()
        .exec(
            "INSERT INTO "
                + env.source().table("sport_type")
                + " (name, description) VALUES ('', 'an empty key: rejected')");
    try {
      for (String id : List.of("first", "second")) {
        Run run =
            env.migrate(
                prefix,
                out,
                "--tables=sport_type",
                "--maxRejectedRows=-1",
                "--runId=" + id,
                "--reportPath=");
        assertEquals(0, run.exit(), run.output());
      }
    } finally {
      env.source().exec("DELETE FROM " + env.source().table("sport_type") + " WHERE name = ''");
    }
    List<Path> letters;
    try (Stream<Path> files = Files.list(out.resolve("dead-letters"))) {
      letters = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertEquals(
        List.of(
            "dead-letters-first-00000-of-00001.jsonl", "dead-letters-second-00000-of-00001.jsonl"),
        letters.stream().map(p -> p.getFileName().toString()).toList());
    for (Path letter : letters) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(letter)));
      assertTrue(Files.readString(letter).contains("empty"), Files.readString(letter));
    }
  }

  @Test
  void badRunIdIsOneClearLine(@TempDir Path out) {
    Run run = env.migrate("rr_", out, "--runId=a/b", "--reportPath=");
    assertEquals(2, run.exit());
    assertTrue(run.stderr().startsWith("error: --runId 'a/b'"), run.stderr());
  }

  @Test
  void relativeOutputFoldersAreRefusedOnRemoteWorkers() {
    MigrationOptions options = PipelineOptionsFactory.create().as(MigrationOptions.class);
    String[] cluster = {"--runner=FlinkRunner", "--flinkMaster=jobmanager:8081"};
    MigrationException e =
        assertThrows(MigrationException.class, () -> OutputFiles.check(options, cluster));
    assertTrue(
        e.getMessage().startsWith("--deadLetterDir 'migration-output/dead-letters' is relative"),
        e.getMessage());
    options.setDeadLetterDir("/shared/dead-letters");
    OutputFiles.check(options, cluster);
    options.setMode(MigrationOptions.Mode.VERIFY);
    assertTrue(
        assertThrows(MigrationException.class, () -> OutputFiles.check(options, cluster))
            .getMessage()
            .startsWith("--verifyOutputDir"));
    options.setVerifyOutputDir("s3://bucket/verify");
    OutputFiles.check(options, cluster);

    // local runs keep relative folders
    options.setDeadLetterDir("dead-letters");
    for (String[] local :
        List.of(
            new String[] {"--runner=DirectRunner"},
            new String[] {"--runner=FlinkRunner"},
            new String[] {"--runner=SparkRunner", "--sparkMaster=local[2]"})) {
      OutputFiles.check(options, local);
    }
    assertFalse(
        OutputFiles.runsInThisProcess(
            new String[] {"--runner=SparkRunner", "--sparkMaster=spark://m:7077"}));
  }
}
