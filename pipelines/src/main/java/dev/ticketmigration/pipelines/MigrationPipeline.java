package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.CountItems;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.items.ConfigItems;
import dev.ticketmigration.transforms.items.TicketSalesItems;
import dev.ticketmigration.transforms.writing.ExportItems;
import dev.ticketmigration.transforms.writing.WriteItems;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The migration graph: configuration rows → {@code config}, tickets with their history → {@code
 * ticket_sales}, every rejected row → one dead-letter output.
 */
public final class MigrationPipeline {
  private MigrationPipeline() {}

  /** Adds the whole migration to {@code pipeline}; tests call this on a TestPipeline. */
  public static void build(Pipeline pipeline, RunSettings settings) {
    PCollectionList<DeadLetter> deadLetters = PCollectionList.empty(pipeline);
    if (settings.migratesConfig()) {
      PCollectionTuple config = pipeline.apply("ConfigFromSource", new ConfigFromSource(settings));
      write(config.get(ConfigItems.ITEMS), "WriteConfig", settings, TargetTable.CONFIG);
      deadLetters = deadLetters.and(config.get(DeadLetters.TAG));
    }
    if (settings.migratesTicketSales()) {
      PCollectionTuple ticketSales =
          pipeline.apply("TicketSalesFromSource", new TicketSalesFromSource(settings));
      write(
          ticketSales.get(TicketSalesItems.ITEMS),
          "WriteTicketSales",
          settings,
          TargetTable.TICKET_SALES);
      deadLetters = deadLetters.and(ticketSales.get(DeadLetters.TAG));
    }
    deadLetters
        .apply("FlattenDeadLetters", Flatten.pCollections())
        .setCoder(DeadLetter.coder())
        .apply("DeadLetters", WriteDeadLetters.to(settings.deadLetterDir(), settings.runId()));
  }

  /** Into the table with BatchWriteItem, or into import files for DynamoDB's Import from S3. */
  private static void write(
      PCollection<Map<String, AttributeValue>> items,
      String step,
      RunSettings settings,
      TargetTable table) {
    String name = settings.tableName(table);
    if (settings.importFiles() == null) {
      items.apply(
          step,
          WriteItems.to(settings.target(), name)
              .withProgress(settings.progress())
              .withRateLimit(settings.writeRatePerJvm()));
    } else {
      items
          .apply(
              step + "Count",
              CountItems.as(MetricNames.ITEMS_WRITTEN, name)
                  .withProgress(settings.progress(), Progress.Phase.WRITING))
          .apply(
              step + "Files",
              ExportItems.to(
                  settings.importFiles().tableDirectory(name), settings.importFiles().shards()));
    }
  }
}
