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
import dev.ticketmigration.transforms.plan.ItemStats;
import dev.ticketmigration.transforms.plan.Rebundle;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The plan graph: the migration's own reads and item builders, and instead of a write the figures
 * of {@link ItemStats}; rejected rows (items over 400 KB, key collisions) go to the dead letters as
 * in a migration, where the plan report finds them.
 */
final class PlanPipeline {
  private PlanPipeline() {}

  static void build(Pipeline pipeline, RunSettings settings) {
    String statsDir = settings.planStats().dir();
    int hotKeys = settings.planStats().hotKeys();
    PCollectionList<String> stats = PCollectionList.empty(pipeline);
    PCollectionList<DeadLetter> deadLetters = PCollectionList.empty(pipeline);
    if (settings.migratesConfig()) {
      PCollectionTuple config = pipeline.apply("ConfigFromSource", new ConfigFromSource(settings));
      stats =
          stats.and(stats(config.get(ConfigItems.ITEMS), settings, TargetTable.CONFIG, hotKeys));
      deadLetters = deadLetters.and(config.get(DeadLetters.TAG));
    }
    if (settings.migratesTicketSales()) {
      PCollectionTuple tickets =
          pipeline.apply("TicketSalesFromSource", new TicketSalesFromSource(settings));
      stats =
          stats.and(
              stats(
                  tickets.get(TicketSalesItems.ITEMS),
                  settings,
                  TargetTable.TICKET_SALES,
                  hotKeys));
      deadLetters = deadLetters.and(tickets.get(DeadLetters.TAG));
    }
    stats
        .apply("FlattenStats", Flatten.pCollections())
        .apply(
            "WriteStats",
            TextIO.write()
                .to(statsDir + "/" + PlanReport.statsPrefix(settings.runId()))
                .withSuffix(".jsonl")
                .withNumShards(1));
    deadLetters
        .apply("FlattenDeadLetters", Flatten.pCollections())
        .setCoder(DeadLetter.coder())
        .apply("DeadLetters", WriteDeadLetters.to(settings.deadLetterDir(), settings.runId()));
  }

  private static PCollection<String> stats(
      PCollection<Map<String, AttributeValue>> items,
      RunSettings settings,
      TargetTable table,
      int hotKeys) {
    String name = settings.tableName(table);
    return items
        .apply("Rebundle." + table.baseName(), Rebundle.items())
        .apply(
            "Count." + table.baseName(),
            CountItems.as(MetricNames.ITEMS_PLANNED, name)
                .withProgress(settings.progress(), Progress.Phase.BUILDING))
        .apply("Stats." + table.baseName(), ItemStats.of(table, name, hotKeys));
  }
}
