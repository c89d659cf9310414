package dev.ticketmigration.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The machine-readable record of a run for orchestrators: mode, outcome and exit code, the error
 * line, per-table counts, rejected rows, DynamoDB retries, duration, and the options with every
 * secret removed. Every run writes one, also a run that fails or stops at a bad option, and it
 * replaces whatever an earlier run left at the path, so the file never tells an older story.
 */
final class RunReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String DEFAULT_PATH = "migration-output/run-report.json";

  private final Instant started = Instant.now();
  private final String[] args;
  private @Nullable MigrationOptions options;
  private String state = "NOT_STARTED";
  private @Nullable MigrationSummary summary;
  private @Nullable VerifyReport verify;
  private @Nullable SyncOutcome sync;
  private @Nullable String error;

  private RunReport(String[] args) {
    this.args = args.clone();
  }

  /** The record of a run of these arguments, before they are parsed. */
  static RunReport start(String[] args) {
    return new RunReport(args);
  }

  void options(MigrationOptions options) {
    this.options = options;
  }

  void state(PipelineResult.State state) {
    this.state = state.name();
  }

  void summary(MigrationSummary summary) {
    this.summary = summary;
  }

  /** A sync's end: the slot, the last position applied, and the lag of its batches. */
  record SyncOutcome(
      String slot, @Nullable String position, @Nullable Double lagP50, @Nullable Double lagP99) {}

  void sync(SyncOutcome outcome) {
    this.sync = outcome;
  }

  void verify(VerifyReport report) {
    this.verify = report;
  }

  /** Records and prints the run's one error line; returns {@code exitCode}. */
  int fail(int exitCode, String message, PrintStream err) {
    err.println("error: " + message);
    this.error = message;
    if (state.equals(PipelineResult.State.RUNNING.name())) {
      state = PipelineResult.State.FAILED.name();
    }
    return exitCode;
  }

  ObjectNode toJson(int exitCode) {
    Instant finished = Instant.now();
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", options != null ? options.getMode().name() : rawOption("mode", "MIGRATE"));
    if (options != null) {
      root.put("run_id", options.getRunId());
      root.put("runner", options.getRunner().getSimpleName());
    }
    root.put("state", state);
    root.put("exit_code", exitCode);
    if (error != null) {
      root.put("error", error);
    }
    root.put("started", started.toString());
    root.put("finished", finished.toString());
    root.put("duration_seconds", Duration.between(started, finished).toMillis() / 1000.0);
    if (summary != null) {
      root.put("pipeline_seconds", summary.elapsed().toMillis() / 1000.0);
      root.set("rows_read", counts(summary.rowsRead()));
      root.set("items_written", counts(summary.itemsWritten()));
      root.set("items_deleted", counts(summary.itemsDeleted()));
      root.set("rows_rejected", counts(summary.rejected()));
      root.put("rows_rejected_total", summary.totalRejected());
      root.set("dynamodb_client", counts(summary.dynamoClient()));
    }
    if (options != null) {
      root.put("dead_letter_dir", options.getDeadLetterDir());
    }
    if (summary != null && !summary.sync().isEmpty()) {
      root.set("sync_counts", counts(summary.sync()));
    }
    if (sync != null) {
      ObjectNode s = root.putObject("sync");
      s.put("slot", sync.slot());
      s.put("position", sync.position());
      s.put("lag_p50_seconds", sync.lagP50());
      s.put("lag_p99_seconds", sync.lagP99());
    }
    if (verify != null) {
      ObjectNode v = root.putObject("verify");
      v.put("problems", verify.problems());
      v.set("outcomes", counts(verify.outcomes()));
      v.put("findings_dir", options.getVerifyOutputDir());
    }
    if (options != null) {
      root.set("options", redactedOptions());
    }
    return root;
  }

  /**
   * Writes the report to --reportPath (nothing when it is blank), through a temporary file moved
   * over the old one, so a reader sees the old report or the new one, never half of either.
   */
  void write(int exitCode, PrintStream out) {
    String path = options != null ? options.getReportPath() : rawOption("reportPath", DEFAULT_PATH);
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(path).toAbsolutePath();
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".run-report-", ".json");
      try {
        JSON.writeValue(temp.toFile(), toJson(exitCode));
        try {
          Files.move(
              temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      out.println("Run report: " + Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw new MigrationException(
          "cannot write the run report to " + path + ": " + e.getMessage() + " (fix --reportPath)");
    }
  }

  /** An option's value as typed, for a run whose options could not be parsed. */
  private String rawOption(String name, String fallback) {
    String value = fallback;
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        value = arg.substring(name.length() + 3);
      }
    }
    return value;
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode node = JSON.createObjectNode();
    counts.forEach(node::put);
    return node;
  }

  /**
   * The options as Beam serializes them, with the source URL's inline password masked and any
   * option whose name mentions a password, secret or token dropped unless it only names where the
   * secret lives (an environment variable or a file).
   */
  JsonNode redactedOptions() {
    ObjectNode redacted = JSON.createObjectNode();
    JsonNode serialized = JSON.valueToTree(this.options);
    Map<String, JsonNode> sorted = new TreeMap<>();
    serialized.path("options").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      String name = e.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      boolean secretish =
          lower.contains("password")
              || lower.contains("secret")
              || lower.contains("token")
              || lower.contains("credential");
      boolean pointer = lower.endsWith("env") || lower.endsWith("file");
      if (secretish && !pointer) {
        continue;
      }
      if (name.equals("sourceUrl") && e.getValue().isTextual()) {
        redacted.put(name, Secrets.redactUrl(e.getValue().asText()));
      } else {
        redacted.set(name, e.getValue());
      }
    }
    return redacted;
  }
}
