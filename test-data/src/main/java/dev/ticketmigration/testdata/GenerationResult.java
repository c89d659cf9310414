package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link DataGenerator#generate} wrote: rows per table, in foreign-key order, and how long it
 * took.
 */
public record GenerationResult(Map<String, Long> rowCounts, Duration elapsed) {

  public GenerationResult {
    rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
  }

  public long totalRows() {
    return rowCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long tickets() {
    return rowCounts.getOrDefault(SourceTable.SPORTING_EVENT_TICKET.tableName(), 0L);
  }

  /** All rows written per second of wall-clock time. */
  public double rowsPerSecond() {
    return totalRows() / Math.max(elapsed.toNanos() / 1e9, 1e-9);
  }

  /** A small table of the counts, the elapsed time and the rates, for logs and the console. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    rowCounts.forEach((table, rows) -> text.append(String.format("%-22s %,14d%n", table, rows)));
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    text.append(String.format("%-22s %,14d%n", "total", totalRows()));
    text.append(
        String.format(
            "%.1f s: %,.0f rows/s, %,.0f tickets/s%n",
            seconds, rowsPerSecond(), tickets() / seconds));
    return text.toString();
  }
}
