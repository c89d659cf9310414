package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.transforms.WriteDeadLetters;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/** The migration graph: both tables in one pipeline, one dead-letter output for all rejects. */
public final class MigrationPipeline {
  private MigrationPipeline() {}

  /** Adds the whole migration to {@code pipeline}; tests call this on a TestPipeline. */
  public static void build(Pipeline pipeline, MigrationPlan plan) {
    PCollection<DeadLetter> config =
        pipeline.apply("MigrateConfig", new ConfigMigration(plan));
    PCollection<DeadLetter> ticketSales =
        pipeline.apply("MigrateTicketSales", new TicketSalesMigration(plan));
    PCollectionList.of(config)
        .and(ticketSales)
        .apply("FlattenDeadLetters", Flatten.pCollections())
        .apply("DeadLetters", WriteDeadLetters.to(plan.deadLetterDir()));
  }
}
