package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import java.util.Objects;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads every column of every row of one (small) source table with one streaming query. For the
 * big ticket tables use {@link ReadByIdRanges}.
 */
public final class ReadTable extends PTransform<PBegin, PCollection<SourceRow>> {
  private final SourceDatabase source;
  private final String table;

  private ReadTable(SourceDatabase source, String table) {
    this.source = Objects.requireNonNull(source, "source");
    this.table = Objects.requireNonNull(table, "table");
  }

  public static ReadTable of(SourceDatabase source, String table) {
    return new ReadTable(source, table);
  }

  @Override
  public PCollection<SourceRow> expand(PBegin input) {
    return input.apply(
        "Query",
        JdbcIO.<SourceRow>read()
            .withDataSourceConfiguration(source.dataSource())
            .withQuery(SqlText.selectAll(source.qualify(table)))
            .withRowMapper(new SourceRowMapper(table))
            .withCoder(SourceRowCoder.of())
            .withFetchSize(source.fetchSize())
            // the next step regroups the rows anyway; a reshuffle here would only add a shuffle
            .withOutputParallelization(false));
  }
}
