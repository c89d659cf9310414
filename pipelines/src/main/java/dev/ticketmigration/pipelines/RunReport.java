package dev.ticketmigration.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;

/**
 * The machine-readable record of a run for orchestrators: outcome and exit code, per-table counts,
 * rejected rows, DynamoDB retries, duration, and the options with every secret removed.
 */
final class RunReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final MigrationOptions options;
  private final Instant started;
  private final PipelineResult.State state;
  private final MigrationSummary summary;
  private VerifyReport verify;

  RunReport(
      MigrationOptions options,
      Instant started,
      PipelineResult.State state,
      MigrationSummary summary) {
    this.options = options;
    this.started = started;
    this.state = state;
    this.summary = summary;
  }

  void verify(VerifyReport report) {
    this.verify = report;
  }

  ObjectNode toJson(int exitCode) {
    Instant finished = Instant.now();
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", options.getMode().name());
    root.put("runner", options.getRunner().getSimpleName());
    root.put("state", state.name());
    root.put("exit_code", exitCode);
    root.put("started", started.toString());
    root.put("finished", finished.toString());
    root.put("duration_seconds", Duration.between(started, finished).toMillis() / 1000.0);
    root.put("pipeline_seconds", summary.elapsed().toMillis() / 1000.0);
    root.set("rows_read", counts(summary.rowsRead()));
    root.set("items_written", counts(summary.itemsWritten()));
    root.set("rows_rejected", counts(summary.rejected()));
    root.put("rows_rejected_total", summary.totalRejected());
    root.put("dead_letter_dir", options.getDeadLetterDir());
    root.set("dynamodb_client", counts(summary.dynamoClient()));
    if (verify != null) {
      ObjectNode v = root.putObject("verify");
      v.put("problems", verify.problems());
      v.set("outcomes", counts(verify.outcomes()));
      v.put("findings_dir", options.getVerifyOutputDir());
    }
    root.set("options", redactedOptions());
    return root;
  }

  /** Writes the report to {@code path} (nothing when blank). */
  void write(String path, int exitCode, PrintStream out) {
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(path);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(file.toFile(), toJson(exitCode));
      out.println("Run report: " + file);
    } catch (IOException e) {
      throw new MigrationException("cannot write the run report to " + path + ": " + e.getMessage()
          + " (fix --reportPath)");
    }
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode node = JSON.createObjectNode();
    counts.forEach(node::put);
    return node;
  }

  /**
   * The options as Beam serializes them, with the source URL's inline password masked and any
   * option whose name mentions a password, secret or token dropped unless it only names where
   * the secret lives (an environment variable or a file).
   */
  JsonNode redactedOptions() {
    ObjectNode options = JSON.createObjectNode();
    JsonNode serialized = JSON.valueToTree(this.options);
    Map<String, JsonNode> sorted = new TreeMap<>();
    serialized.path("options").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      String name = e.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      boolean secretish =
          lower.contains("password") || lower.contains("secret") || lower.contains("token")
              || lower.contains("credential");
      boolean pointer = lower.endsWith("env") || lower.endsWith("file");
      if (secretish && !pointer) {
        continue;
      }
      if (name.equals("sourceUrl") && e.getValue().isTextual()) {
        options.put(name, Secrets.redactUrl(e.getValue().asText()));
      } else {
        options.set(name, e.getValue());
      }
    }
    return options;
  }
}
