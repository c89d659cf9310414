package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.items.ConfigItems;
import dev.ticketmigration.transforms.reading.IdSample;
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

  /**
   * One configuration table's rows in a sampled run: a table keyed by an integer id is sampled by
   * the database ({@link IdSample#predicate}); the others (keyed by names, or by ids the database
   * cannot compute on) are read whole and sampled here.
   */
  static PCollection<SourceRow> readSample(PBegin input, RunSettings settings, SourceTable table) {
    IdSample sample = settings.sample();
    if (table.keyedById() && !settings.fractionalIdTables().contains(table.tableName())) {
      return input.apply(
          "Read." + table.tableName(),
          ReadTable.of(settings.source(), table.tableName()).withSample(sample, SourceColumns.ID));
    }
    return read(input, settings, table)
        .apply("Sample." + table.tableName(), SampleRows.byPrimaryKey(sample, table));
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionList<SourceRow> tables = PCollectionList.empty(input.getPipeline());
    for (SourceTable table : settings.configTables()) {
      tables =
          tables.and(
              settings.samples()
                  ? readSample(input, settings, table)
                  : read(input, settings, table));
    }
    ConfigItems build = ConfigItems.create();
    if (settings.configTables().contains(SourceTable.SPORTING_EVENT)
        && (settings.samples() || !settings.configTables().contains(SourceTable.SPORT_TEAM))) {
      // events are named after their teams: read the teams for their names alone, uncounted
      // (all of them: a sample of the teams would leave sampled events without names)
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
