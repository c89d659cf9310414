package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.items.ConfigItems;
import dev.ticketmigration.transforms.reading.ReadTable;
import dev.ticketmigration.transforms.reading.SampleRows;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The ten configuration tables → the {@code config} items they must become ({@link
 * ConfigItems#ITEMS}) and dead letters. Shared by the migration and the verify run.
 */
final class ConfigFromSource extends PTransform<PBegin, PCollectionTuple> {
  private final RunSettings settings;

  ConfigFromSource(RunSettings settings) {
    this.settings = settings;
  }

  /** One configuration table's rows, read whole. */
  static PCollection<SourceRow> read(PBegin input, RunSettings settings, SourceTable table) {
    return input.apply(
        "Read." + table.tableName(), ReadTable.of(settings.source(), table.tableName()));
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionList<SourceRow> tables = PCollectionList.empty(input.getPipeline());
    for (SourceTable table : settings.configTables()) {
      PCollection<SourceRow> rows = read(input, settings, table);
      if (settings.samples()) {
        rows =
            rows.apply(
                "Sample." + table.tableName(),
                SampleRows.byPrimaryKey(settings.sampleFraction(), table));
      }
      tables = tables.and(rows);
    }
    ConfigItems build = ConfigItems.create();
    if (settings.configTables().contains(SourceTable.SPORTING_EVENT)
        && !settings.configTables().contains(SourceTable.SPORT_TEAM)) {
      // events are named after their teams: read the teams for their names alone, uncounted
      build =
          build.withTeamRows(
              input.apply(
                  "ReadTeamNames",
                  ReadTable.of(settings.source(), SourceTable.SPORT_TEAM.tableName()).uncounted()));
    }
    return tables
        .apply("FlattenConfigRows", Flatten.pCollections())
        .apply("BuildConfigItems", build);
  }
}
