package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.ConfigItems;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.TicketSalesItems;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.WriteItems;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The migration graph: configuration rows → {@code config}, tickets with their history →
 * {@code ticket_sales}, every rejected row → one dead-letter output.
 */
public final class MigrationPipeline {
  private MigrationPipeline() {}

  /** Adds the whole migration to {@code pipeline}; tests call this on a TestPipeline. */
  public static void build(Pipeline pipeline, MigrationPlan plan) {
    PCollectionList<DeadLetter> deadLetters = PCollectionList.empty(pipeline);
    if (plan.migratesConfig()) {
      PCollectionTuple config = pipeline.apply("ConfigFromSource", new ConfigFromSource(plan));
      config
          .get(ConfigItems.ITEMS)
          .apply("WriteConfig", write(plan, TargetTable.CONFIG));
      deadLetters = deadLetters.and(config.get(DeadLetters.TAG));
    }
    if (plan.migratesTicketSales()) {
      PCollectionTuple ticketSales =
          pipeline.apply("TicketSalesFromSource", new TicketSalesFromSource(plan));
      ticketSales
          .get(TicketSalesItems.ITEMS)
          .apply("WriteTicketSales", write(plan, TargetTable.TICKET_SALES));
      deadLetters = deadLetters.and(ticketSales.get(DeadLetters.TAG));
    }
    deadLetters
        .apply("FlattenDeadLetters", Flatten.pCollections())
        .setCoder(DeadLetter.coder())
        .apply("DeadLetters", WriteDeadLetters.to(plan.deadLetterDir()));
  }

  private static WriteItems write(MigrationPlan plan, TargetTable table) {
    return WriteItems.to(plan.target(), plan.tableName(table))
        .withProgress(plan.progress())
        .withRateLimit(plan.writeRatePerJvm());
  }
}
