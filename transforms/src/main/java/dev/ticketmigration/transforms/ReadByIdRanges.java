package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Reads a big table in parallel: one streaming query per id range ({@code col >= ? AND col <= ?}),
 * ranges spread over the workers, plus one query for rows whose id is NULL so that no row escapes
 * the ranges unseen.
 *
 * <p>The select may join other tables; it must not have a WHERE clause of its own.
 */
public final class ReadByIdRanges extends PTransform<PBegin, PCollection<SourceRow>> {
  private final SourceDatabase source;
  private final String table;
  private final String select;
  private final String idColumn;
  private final List<KV<Long, Long>> ranges;
  private final String filter;
  private final List<LocalDateTime> filterParameters;
  private final boolean readNullIds;

  private ReadByIdRanges(
      SourceDatabase source,
      String table,
      String select,
      String idColumn,
      List<KV<Long, Long>> ranges,
      String filter,
      List<LocalDateTime> filterParameters,
      boolean readNullIds) {
    this.source = source;
    this.table = table;
    this.select = select;
    this.idColumn = idColumn;
    this.ranges = ranges;
    this.filter = filter;
    this.filterParameters = filterParameters;
    this.readNullIds = readNullIds;
  }

  /**
   * @param table the source table name rows are attributed to
   * @param select {@code SELECT ... FROM ...} without WHERE
   * @param idColumn the (qualified) id expression the ranges apply to
   * @param ranges inclusive id ranges; may be empty when the table is
   */
  public static ReadByIdRanges of(
      SourceDatabase source,
      String table,
      String select,
      String idColumn,
      List<KV<Long, Long>> ranges) {
    return new ReadByIdRanges(
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(select, "select"),
        Objects.requireNonNull(idColumn, "idColumn"),
        List.copyOf(ranges),
        "",
        List.of(),
        true);
  }

  /**
   * Adds a predicate every query must also satisfy, e.g. {@code e.start_date_time >= ?}, with its
   * bound values (never pasted into the SQL). Rows with a NULL id are then not read: they belong
   * to no slice.
   */
  public ReadByIdRanges withFilter(String predicate, List<LocalDateTime> parameters) {
    return new ReadByIdRanges(
        source, table, select, idColumn, ranges, "(" + predicate + ") AND ",
        List.copyOf(parameters), false);
  }

  /** Whether to read the rows whose id is NULL (a full run does; a slice by id does not). */
  public ReadByIdRanges withNullIds(boolean read) {
    return new ReadByIdRanges(
        source, table, select, idColumn, ranges, filter, filterParameters, read);
  }

  @Override
  public PCollection<SourceRow> expand(PBegin input) {
    PCollection<SourceRow> ranged =
        input
            .apply(
                "IdRanges",
                Create.of(ranges)
                    .withCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
            // one range per worker slot: without it a runner may read all ranges on one worker
            .apply("SpreadRanges", Reshuffle.viaRandomKey())
            .apply(
                "QueryRanges",
                JdbcIO.<KV<Long, Long>, SourceRow>readAll()
                    .withDataSourceConfiguration(source.dataSource())
                    .withQuery(
                        select + " WHERE " + filter + idColumn + " >= ? AND " + idColumn + " <= ?")
                    .withParameterSetter(new RangeSetter(filterParameters))
                    .withRowMapper(new SourceRowMapper(table))
                    .withCoder(SourceRowCoder.of())
                    .withFetchSize(source.fetchSize())
                    // each range's rows stay in one bundle, so the sink gets full batches
                    .withOutputParallelization(false));
    if (!readNullIds) {
      return ranged;
    }
    PCollection<SourceRow> nullIds =
        input.apply(
            "QueryNullIds",
            JdbcIO.<SourceRow>read()
                .withDataSourceConfiguration(source.dataSource())
                .withQuery(select + " WHERE " + idColumn + " IS NULL")
                .withRowMapper(new SourceRowMapper(table))
                .withCoder(SourceRowCoder.of())
                .withFetchSize(source.fetchSize())
                .withOutputParallelization(false));
    return PCollectionList.of(ranged).and(nullIds).apply("AllRows", Flatten.pCollections());
  }

  /** Binds a range's inclusive bounds. A named class: lambdas break DirectRunner display data. */
  static final class RangeSetter
      implements JdbcIO.PreparedStatementSetter<KV<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private final List<LocalDateTime> filterParameters;

    RangeSetter(List<LocalDateTime> filterParameters) {
      this.filterParameters = filterParameters;
    }

    @Override
    public void setParameters(KV<Long, Long> range, PreparedStatement statement) throws Exception {
      int i = 1;
      for (LocalDateTime value : filterParameters) {
        statement.setObject(i++, value);
      }
      statement.setLong(i++, range.getKey());
      statement.setLong(i, range.getValue());
    }
  }
}
