package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import dev.ticketmigration.schemas.SqlIdentifier;
import java.util.Objects;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads every column of every row of one (small) source table with one streaming query. For the big
 * ticket tables use {@link ReadByIdRanges}.
 */
public final class ReadTable extends PTransform<PBegin, PCollection<SourceRow>> {
  private final SourceDatabase source;
  private final String table;
  private final boolean counted;
  private final String where;

  private ReadTable(SourceDatabase source, String table, boolean counted, String where) {
    this.source = Objects.requireNonNull(source, "source");
    this.table = Objects.requireNonNull(table, "table");
    this.counted = counted;
    this.where = where;
  }

  public static ReadTable of(SourceDatabase source, String table) {
    return new ReadTable(source, table, true, "");
  }

  /**
   * Reads only the rows whose integer {@code idColumn} the sample keeps; the database drops the
   * others, so they are never transferred.
   */
  public ReadTable withSample(IdSample sample, String idColumn) {
    return new ReadTable(
        source,
        table,
        counted,
        sample.keepsAll()
            ? ""
            : " WHERE " + sample.predicate(SqlIdentifier.require(idColumn, "id column")));
  }

  /**
   * Reads rows that are looked up only, not migrated: they are not counted as rows read, so the
   * run's counts still reconcile with the items it writes.
   */
  public ReadTable uncounted() {
    return new ReadTable(source, table, false, where);
  }

  @Override
  public PCollection<SourceRow> expand(PBegin input) {
    return input.apply(
        "Query",
        JdbcIO.<SourceRow>read()
            .withDataSourceConfiguration(source.dataSource())
            .withQuery(SqlText.selectAll(source.qualify(table)) + where)
            .withRowMapper(counted ? new SourceRowMapper(table) : SourceRowMapper.uncounted(table))
            .withCoder(SourceRowCoder.of())
            .withFetchSize(source.fetchSize())
            // the next step regroups the rows anyway; a reshuffle here would only add a shuffle
            .withOutputParallelization(false));
  }
}
