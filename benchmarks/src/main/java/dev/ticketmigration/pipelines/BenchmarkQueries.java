package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import dev.ticketmigration.transforms.reading.IdRanges;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.KV;

/**
 * The benchmark's window into the pipeline's package: the exact SQL text and id ranges the
 * migration's ticket reads use ({@code TicketSalesFromSource}, {@code ReadByIdRanges},
 * {@code RunSettingsResolver.autoPartitions}), so the plain JDBC scan runs the same queries. Lives in the
 * benchmarks module (same package name, class path only) because those members are
 * package-private; it changes nothing in the pipeline.
 */
public final class BenchmarkQueries {
  private BenchmarkQueries() {}

  /** One range query: the SQL with two {@code ?} for the inclusive id bounds. */
  public record RangeQuery(String table, String sql) {}

  private static RunSettings settings(String schema) {
    SourceDatabase source =
        SourceDatabase.of(JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", "jdbc:x"))
            .withSchema(schema);
    Slice slice = new Slice(List.of(), true, null, null, null, null);
    return new RunSettings(
        source, DynamoTarget.local("http://127.0.0.1:1"), slice, List.of(), java.util.Set.of(),
        java.util.Set.of(), "unused",
        Progress.Settings.OFF, 0, null, 1.0, "benchmark",
        new RunSettings.Verify(1, false, "unused", 0), new RunSettings.PlanStats("unused", 0));
  }

  /** The ticket query exactly as ReadByIdRanges sends it for a full (unsliced) run. */
  public static RangeQuery tickets(String schema) {
    return new RangeQuery(
        SourceTable.SPORTING_EVENT_TICKET.tableName(),
        TicketSalesFromSource.ticketSelect(settings(schema)) + " WHERE t.id >= ? AND t.id <= ?");
  }

  /** The purchase-history query exactly as ReadByIdRanges sends it for a full run. */
  public static RangeQuery history(String schema) {
    String column = "h." + TicketItemBuilder.HISTORY_TICKET_COLUMN;
    return new RangeQuery(
        SourceTable.TICKET_PURCHASE_HIST.tableName(),
        TicketSalesFromSource.historySelect(settings(schema))
            + " WHERE " + column + " >= ? AND " + column + " <= ?");
  }

  /** The ranges Migrate cuts [min, max] into when --readPartitions is 0 (automatic). */
  public static List<KV<Long, Long>> ranges(long min, long max, int readPartitions) {
    int n = readPartitions > 0 ? readPartitions : RunSettingsResolver.autoPartitions(min, max);
    return IdRanges.split(min, max, n);
  }
}
