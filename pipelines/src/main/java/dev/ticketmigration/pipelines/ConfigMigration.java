package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.ConfigItems;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.ReadTable;
import dev.ticketmigration.transforms.WriteItems;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/** The ten configuration tables → the overloaded {@code config} table; returns dead letters. */
public final class ConfigMigration extends PTransform<PBegin, PCollection<DeadLetter>> {
  private final MigrationPlan plan;

  ConfigMigration(MigrationPlan plan) {
    this.plan = plan;
  }

  @Override
  public PCollection<DeadLetter> expand(PBegin input) {
    PCollectionList<SourceRow> tables = PCollectionList.empty(input.getPipeline());
    for (SourceTable table : SourceTable.ofKind(SourceTable.Kind.CONFIG)) {
      tables =
          tables.and(
              input.apply("Read." + table.tableName(), ReadTable.of(plan.source(), table.tableName())));
    }
    PCollectionTuple items =
        tables
            .apply("FlattenConfigRows", Flatten.pCollections())
            .apply("BuildConfigItems", ConfigItems.create());
    items
        .get(ConfigItems.ITEMS)
        .apply(
            "WriteConfig",
            WriteItems.to(plan.target(), TargetTable.CONFIG.tableName(plan.target().tablePrefix())));
    return items.get(DeadLetters.TAG);
  }
}
