package dev.ticketmigration.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketmigration.transforms.WriteDeadLetters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plan's answer before anything is written: items per table and entity, item sizes, the write
 * request units the migration will consume, their on-demand cost, how long they take at a given
 * rate, items over DynamoDB's 400 KB limit and key collisions by key, and the hottest partition
 * keys of each table and GSI. Figures of a sampled run are scaled to the whole source.
 */
final class PlanReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern ITEM_KEY = Pattern.compile("item (.+?) (?:is|has) ");
  private static final Pattern COLLISION_KEY =
      Pattern.compile("(?:map to item |source row: item )(.+?)(?:;| is written)");

  private final ObjectNode root = JSON.createObjectNode();

  static String statsDir(MigrationOptions options) {
    String plan = options.getPlanPath();
    Path parent = Path.of(plan).toAbsolutePath().getParent();
    return parent.resolve("plan-stats").toString();
  }

  /** The file name prefix of a run's plan statistics. */
  static String statsPrefix(String runId) {
    return "stats-" + runId;
  }

  /** A plan run's outcome: the plan printed and written to --planPath. */
  static int finish(ModeGraph.Finished run) {
    from(run.options(), run.settings())
        .print(run.out())
        .write(run.options().getPlanPath(), run.out());
    return Migrate.OK;
  }

  static PlanReport from(MigrationOptions options, RunSettings settings) {
    PlanReport report = new PlanReport();
    double scale = 1 / settings.sampleFraction();
    report.root.put("sample_fraction", settings.sampleFraction());
    report.root.put("write_price_per_million_units_usd", options.getWritePricePerMillion());
    report.root.put("assumed_write_units_per_second", options.getPlanWriteUnitsPerSecond());
    ObjectNode tables = report.root.putObject("tables");
    long totalUnits = 0;
    for (JsonNode stat :
        readLines(Path.of(statsDir(options)), statsPrefix(settings.runId()) + "-")) {
      ObjectNode table =
          tables.has(stat.get("table").asText())
              ? (ObjectNode) tables.get(stat.get("table").asText())
              : tables.putObject(stat.get("table").asText());
      switch (stat.get("figure").asText()) {
        case "items" ->
            table
                .with("items")
                .put(stat.get("entity").asText(), Math.round(stat.get("value").asLong() * scale));
        case "write_units" -> {
          long units = Math.round(stat.get("value").asLong() * scale);
          table.with("write_units").put(stat.get("entity").asText(), units);
          totalUnits += units;
        }
        case "size_bytes" ->
            table.set(
                "item_size_bytes",
                ((ObjectNode) stat.deepCopy()).without(List.of("table", "figure")));
        case "hot_partition_keys" ->
            table.with("hot_partition_keys").set(stat.get("key_space").asText(), stat.get("keys"));
        default -> {}
      }
    }
    report.root.put("write_units_total", totalUnits);
    double cost = totalUnits / 1e6 * options.getWritePricePerMillion();
    report.root.put("on_demand_cost_usd", cost);
    long seconds = (long) Math.ceil(totalUnits / (double) options.getPlanWriteUnitsPerSecond());
    report.root.put("estimated_write_seconds", seconds);

    ArrayNode oversize = report.root.putArray("items_over_400kb");
    ObjectNode collisions = report.root.putObject("key_collisions");
    long rejected = 0;
    for (JsonNode letter :
        readLines(
            Path.of(settings.deadLetterDir()),
            WriteDeadLetters.filePrefix(settings.runId()) + "-")) {
      rejected++;
      String reason = letter.get("reason").asText();
      if (reason.contains("over DynamoDB's item limit")) {
        Matcher m = ITEM_KEY.matcher(reason);
        String key = m.find() ? m.group(1) : letter.get("source_key").asText();
        if (!containsText(oversize, key)) {
          oversize.addObject().put("key", key).put("reason", reason);
        }
      } else if (reason.contains("map to item")
          || reason.contains("duplicate source row")
          || reason.contains("share the key")
          || reason.contains("ticket rows share this id")) {
        Matcher m = COLLISION_KEY.matcher(reason);
        String key =
            m.find()
                ? m.group(1)
                : letter.get("source_table").asText() + " " + letter.get("source_key").asText();
        collisions.put(key, collisions.path(key).asLong(0) + 1);
      }
    }
    report.root.put("rows_rejected", Math.round(rejected * scale));
    return report;
  }

  private static boolean containsText(ArrayNode array, String key) {
    for (JsonNode n : array) {
      if (n.get("key").asText().equals(key)) {
        return true;
      }
    }
    return false;
  }

  ObjectNode json() {
    return root;
  }

  PlanReport print(PrintStream out) {
    out.println();
    out.println(
        "Plan (nothing written)"
            + (root.get("sample_fraction").asDouble() < 1
                ? String.format(
                    ", figures scaled up from a %.2f%% sample",
                    root.get("sample_fraction").asDouble() * 100)
                : ""));
    root.get("tables")
        .fields()
        .forEachRemaining(
            t -> {
              out.println("  " + t.getKey());
              Map<String, Long> items = new TreeMap<>();
              t.getValue()
                  .path("items")
                  .fields()
                  .forEachRemaining(e -> items.put(e.getKey(), e.getValue().asLong()));
              items.forEach(
                  (entity, n) ->
                      out.printf(
                          "    %-12s %,14d items %,14d write units%n",
                          entity, n, t.getValue().path("write_units").path(entity).asLong()));
              JsonNode size = t.getValue().path("item_size_bytes");
              out.printf(
                  "    item size p50 %,d B, p99 %,d B, max %,d B%n",
                  size.path("p50").asLong(), size.path("p99").asLong(), size.path("max").asLong());
              t.getValue()
                  .path("hot_partition_keys")
                  .fields()
                  .forEachRemaining(
                      h -> {
                        JsonNode top = h.getValue().path(0);
                        out.printf(
                            "    hottest %-6s partition key %s (%,d items)%n",
                            h.getKey(), top.path("key").asText(), top.path("items").asLong());
                      });
            });
    out.printf(
        "Write units %,d -> on-demand cost $%,.4f at $%.3f per million; %s at %,d units/s%n",
        root.get("write_units_total").asLong(),
        root.get("on_demand_cost_usd").asDouble(),
        root.get("write_price_per_million_units_usd").asDouble(),
        format(Duration.ofSeconds(root.get("estimated_write_seconds").asLong())),
        root.get("assumed_write_units_per_second").asLong());
    out.printf(
        "Items over 400 KB: %d; key collisions: %d; rows rejected: %,d%n",
        root.get("items_over_400kb").size(),
        root.get("key_collisions").size(),
        root.get("rows_rejected").asLong());
    root.get("items_over_400kb")
        .forEach(i -> out.println("  over 400 KB: " + i.get("key").asText()));
    root.get("key_collisions").fieldNames().forEachRemaining(k -> out.println("  collision: " + k));
    return this;
  }

  void write(String path, PrintStream out) {
    try {
      Path file = Path.of(path);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(file.toFile(), root);
      out.println("Plan: " + file);
    } catch (IOException e) {
      throw new MigrationException(
          "cannot write the plan to " + path + ": " + e.getMessage() + " (fix --planPath)");
    }
  }

  private static String format(Duration d) {
    return String.format("%dh %02dm %02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  private static List<JsonNode> readLines(Path dir, String prefix) {
    List<JsonNode> nodes = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return nodes;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith(prefix)
                          && p.getFileName().toString().endsWith(".jsonl"))
              .toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            nodes.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      throw new MigrationException("cannot read " + dir + ": " + e.getMessage());
    }
    return nodes;
  }
}
