package dev.ticketmigration.pipelines;

import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.verify.VerifyFinding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The verify run's answer: items the source produces against items each table holds, per entity;
 * matched, missing, extra and different items and transfer mismatches per table; and the first
 * findings of each kind with their keys.
 */
final class VerifyReport {
  private final Map<String, Long> expected = new TreeMap<>();
  private final Map<String, Long> actual = new TreeMap<>();

  /** {@code <kind>.<table>} → count, kind in matched/missing/extra/different/transfer_mismatch. */
  private final Map<String, Long> outcomes = new TreeMap<>();

  private final Map<VerifyFinding.Kind, List<VerifyFinding>> samples =
      new EnumMap<>(VerifyFinding.Kind.class);

  static VerifyReport of(PipelineResult result, String outputDir, String runId, int shown) {
    VerifyReport report = new VerifyReport();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(MetricNames.NAMESPACE))
                    .build())
            .getCounters()) {
      String name = c.getName().getName();
      Long value = c.getAttempted();
      if (value == null || !MetricNames.isVerified(name)) {
        continue;
      }
      if (name.startsWith(MetricNames.VERIFY_EXPECTED + ".")) {
        report.expected.merge(
            name.substring(MetricNames.VERIFY_EXPECTED.length() + 1), value, Long::sum);
      } else if (name.startsWith(MetricNames.VERIFY_ACTUAL + ".")) {
        report.actual.merge(
            name.substring(MetricNames.VERIFY_ACTUAL.length() + 1), value, Long::sum);
      } else {
        report.outcomes.merge(MetricNames.subject(name), value, Long::sum);
      }
    }
    report.readSamples(outputDir, runId, shown);
    return report;
  }

  private void readSamples(String outputDir, String runId, int shown) {
    String prefix = Path.of(VerifyPipeline.findingsPrefix(outputDir, runId)).getFileName() + "-";
    Path dir = Path.of(outputDir);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        try (Stream<String> lines = Files.lines(file)) {
          lines
              .map(VerifyFinding::fromJsonLine)
              .forEach(
                  f -> {
                    List<VerifyFinding> list =
                        samples.computeIfAbsent(f.kind(), k -> new ArrayList<>());
                    if (list.size() < shown) {
                      list.add(f);
                    }
                  });
        }
      }
    } catch (IOException e) {
      samples.clear();
    }
  }

  /** A verify run's outcome: its report printed and recorded; exit 0 only when all agree. */
  static int finish(ModeGraph.Finished run) {
    RunSettings.Verify verify = run.settings().verify();
    VerifyReport report =
        of(run.result(), verify.outputDir(), run.settings().runId(), verify.findingsShown());
    report.print(run.out(), verify.repair(), run.summary());
    run.report().verify(report);
    return report.problems() == 0 ? Migrate.OK : Migrate.NOT_VERIFIED;
  }

  long problems() {
    return outcomes.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("matched."))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  Map<String, Long> outcomes() {
    return outcomes;
  }

  void print(PrintStream out, boolean repaired, MigrationSummary summary) {
    out.println();
    out.println("Items per entity             source-expected    in-table");
    TreeMap<String, Long> keys = new TreeMap<>(expected);
    actual.forEach(keys::putIfAbsent);
    keys.keySet()
        .forEach(
            k ->
                out.printf(
                    "  %-28s %,12d %,12d%s%n",
                    k,
                    expected.getOrDefault(k, 0L),
                    actual.getOrDefault(k, 0L),
                    expected.getOrDefault(k, 0L).equals(actual.getOrDefault(k, 0L)) ? "" : "  <-"));
    out.println("Outcome per table");
    outcomes.forEach((k, v) -> out.printf("  %-36s %,12d%n", k, v));
    samples.forEach(
        (kind, list) -> {
          out.println("First " + list.size() + " " + kind + ":");
          list.forEach(f -> out.println("  " + f));
        });
    if (problems() == 0) {
      out.println("VERIFIED: source and target agree.");
    } else if (repaired) {
      long kept =
          outcomes.entrySet().stream()
              .filter(
                  e ->
                      e.getKey()
                          .startsWith(
                              VerifyFinding.Kind.KEPT.name().toLowerCase(Locale.ROOT) + "."))
              .mapToLong(Map.Entry::getValue)
              .sum();
      out.printf(
          "%,d problems found; repair put %,d items and deleted %,d%s; run verify again to"
              + " confirm.%n",
          problems(),
          summary.totalItems(),
          summary.totalDeleted(),
          kept == 0
              ? ""
              : String.format(
                  ", and kept %,d extra items whose source rows were rejected (see the dead letters)",
                  kept));
    } else {
      out.printf("NOT VERIFIED: %,d problems (add --repair to fix them).%n", problems());
    }
  }
}
