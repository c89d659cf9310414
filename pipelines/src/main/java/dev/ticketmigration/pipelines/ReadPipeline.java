package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.Progress;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The READ mode graph: the migration's own readers for the selected tables (same queries, id ranges
 * and fetch size), each row counted as read and dropped. Nothing is grouped, built or written, so
 * the run shows what the source and the JDBC path can give on this runner.
 */
final class ReadPipeline {
  private ReadPipeline() {}

  static void build(Pipeline pipeline, RunSettings settings) {
    PBegin begin = pipeline.begin();
    for (SourceTable table : settings.configTables()) {
      drop(ConfigFromSource.read(begin, settings, table), "Drop." + table.tableName());
    }
    if (settings.migratesTicketSales()) {
      TicketSalesFromSource ticketSales = new TicketSalesFromSource(settings);
      drop(ticketSales.readTickets(begin), "DropTickets");
      drop(ticketSales.readHistory(begin), "DropPurchaseHistory");
    }
  }

  /**
   * A READ run's outcome: the read stage's own rate, from its first row to its last, when the rows
   * were read in this JVM (a local runner), without the job's start-up and shut-down around it.
   */
  static int finish(ModeGraph.Finished run) {
    Progress.ReadSpan span = Progress.readSpan();
    if (span.rows() > 0 && span.seconds() > 0) {
      run.out()
          .printf(
              "Read stage: %,d rows from the first to the last in %.2f s (%,.0f rows/s)%n",
              span.rows(), span.seconds(), span.rows() / span.seconds());
    }
    return Migrate.OK;
  }

  private static void drop(PCollection<SourceRow> rows, String step) {
    rows.apply(step, ParDo.of(new DropFn()));
  }

  /** Ends a branch; the reader's mapper has already counted the row. */
  static final class DropFn extends DoFn<SourceRow, Void> {
    @ProcessElement
    public void processElement(@Element SourceRow row) {}
  }
}
