package dev.ticketmigration.pipelines;

import dev.ticketmigration.transforms.MetricNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * What a run did, from its Beam metrics: rows read per source table, items written per target table
 * and entity, rows rejected per source table, and the elapsed time.
 */
public final class MigrationSummary {
  private final Map<String, Long> rowsRead = new TreeMap<>();
  private final Map<String, Long> itemsWritten = new TreeMap<>();
  private final Map<String, Long> itemsDeleted = new TreeMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<String, Long> dynamoClient = new TreeMap<>();
  private final Map<String, Long> sync = new TreeMap<>();
  private final Duration elapsed;

  private MigrationSummary(Duration elapsed) {
    this.elapsed = elapsed;
  }

  /** Reads the counters of a finished run (attempted values: every runner reports those). */
  public static MigrationSummary of(PipelineResult result, Duration elapsed) {
    MigrationSummary summary = new MigrationSummary(elapsed);
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(MetricNames.NAMESPACE))
                    .build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      String name = counter.getName().getName();
      Long value = counter.getAttempted();
      if (value == null) {
        continue;
      }
      String subject = MetricNames.subject(name);
      if (MetricNames.isRowsRead(name)) {
        summary.rowsRead.merge(subject, value, Long::sum);
      } else if (MetricNames.isItemsWritten(name)) {
        summary.itemsWritten.merge(subject, value, Long::sum);
      } else if (MetricNames.isItemsDeleted(name)) {
        summary.itemsDeleted.merge(subject, value, Long::sum);
      } else if (MetricNames.isRejected(name)) {
        summary.rejected.merge(subject, value, Long::sum);
      } else if (name.startsWith("sync.")) {
        summary.sync.merge(subject, value, Long::sum);
      } else if (name.startsWith("dynamodb.")) {
        summary.dynamoClient.merge(subject, value, Long::sum);
      }
    }
    return summary;
  }

  /** A sync's changes applied by source table, and writes skipped as older, by target table. */
  public Map<String, Long> sync() {
    return Collections.unmodifiableMap(sync);
  }

  public Map<String, Long> rowsRead() {
    return rowsRead;
  }

  /** Items by {@code <table>.<entity>}. */
  public Map<String, Long> itemsWritten() {
    return itemsWritten;
  }

  /** Items a repair deleted, by {@code <table>.<entity>}. */
  public Map<String, Long> itemsDeleted() {
    return itemsDeleted;
  }

  public long totalDeleted() {
    return itemsDeleted.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> rejected() {
    return rejected;
  }

  /** DynamoDB client retries, unprocessed items re-sent, failed calls. */
  public Map<String, Long> dynamoClient() {
    return dynamoClient;
  }

  public long totalRejected() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalItems() {
    return itemsWritten.values().stream().mapToLong(Long::longValue).sum();
  }

  public Duration elapsed() {
    return elapsed;
  }

  private static void printByEntity(PrintStream out, Map<String, Long> counts) {
    counts.forEach(
        (key, n) -> {
          int dot = key.lastIndexOf('.');
          out.printf("  %-18s %-9s %,12d%n", key.substring(0, dot), key.substring(dot + 1), n);
        });
  }

  public void print(PrintStream out, String deadLetterDir) {
    out.println();
    out.println("Source rows read");
    rowsRead.forEach((table, n) -> out.printf("  %-28s %,12d%n", table, n));
    if (!itemsWritten.isEmpty()) {
      out.println("Items written");
    }
    printByEntity(out, itemsWritten);
    if (!itemsDeleted.isEmpty()) {
      out.println("Items deleted");
    }
    printByEntity(out, itemsDeleted);
    if (rejected.isEmpty()) {
      out.println("Rejected rows: none");
    } else {
      out.println("Rejected rows (JSON Lines in " + deadLetterDir + ")");
      rejected.forEach((table, n) -> out.printf("  %-28s %,12d%n", table, n));
    }
    if (!sync.isEmpty()) {
      out.println("Changes applied (by source table) and writes skipped as older than the item");
      sync.forEach((what, n) -> out.printf("  %-40s %,12d%n", what, n));
    }
    if (!dynamoClient.isEmpty()) {
      out.println("DynamoDB client");
      dynamoClient.forEach((what, n) -> out.printf("  %-28s %,12d%n", what, n));
    }
    double seconds = elapsed.toMillis() / 1000.0;
    if (totalItems() > 0) {
      out.printf(
          "Elapsed %.1f s, %,d items (%,.0f items/s)%n",
          seconds, totalItems(), seconds > 0 ? totalItems() / seconds : 0.0);
    } else {
      long rows = rowsRead.values().stream().mapToLong(Long::longValue).sum();
      out.printf(
          "Elapsed %.1f s, %,d rows read (%,.0f rows/s)%n",
          seconds, rows, seconds > 0 ? rows / seconds : 0.0);
    }
  }
}
