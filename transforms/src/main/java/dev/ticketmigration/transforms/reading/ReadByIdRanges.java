package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a big table in parallel: one streaming query per id range, ranges spread over the workers,
 * and, where rows can lie outside every range, one more query for them, so that every row the slice
 * owns is read exactly once.
 *
 * <p>Rows outside the ranges: NULL ids (read when {@link #withNullIds}), ids below the first or
 * above the last range (read when {@link #withOpenEnds}: rows inserted after the bounds were
 * measured, say). For a whole-number id column the outer ranges simply reach BIGINT's limits. An id
 * column that may hold fractions or values beyond BIGINT (DOUBLE, NUMERIC with a scale, as
 * converted copies store ids) is read in half-open ranges {@code [lo, hi + 1)}, so {@code 100.5}
 * falls in the range of 100 and in the slice that ends at 100, and its outer parts by a query of
 * their own.
 *
 * <p>The select may join other tables; it must not have a WHERE clause of its own. A filter (e.g. a
 * slice's event dates) and a sample of the ids ({@link #withSample}: a plan's) apply to every
 * query; the database computes the sample on a whole-number id column, the pipeline on any other.
 */
public final class ReadByIdRanges extends PTransform<PBegin, PCollection<SourceRow>> {
  private final SourceDatabase source;
  private final String table;
  private final String select;
  private final String idColumn;
  private final List<KV<Long, Long>> ranges;
  private final Filter filter;
  private final Ids ids;

  /**
   * A predicate every query must also satisfy, ready to put before the id condition, its bound
   * values, and the sample of ids to read (null: every id).
   */
  private record Filter(String sql, List<LocalDateTime> parameters, @Nullable IdSample sample)
      implements Serializable {
    static final Filter NONE = new Filter("", List.of(), null);

    /** The conditions before the id condition: the predicate, then the sample if SQL takes it. */
    String where(String idColumn, boolean wholeNumbers) {
      return sample == null || !wholeNumbers
          ? sql
          : sql + "(" + sample.predicate(idColumn) + ") AND ";
    }

    /** Binds the values from the first placeholder on; returns the next placeholder's index. */
    int bind(PreparedStatement statement) throws SQLException {
      int i = 1;
      for (LocalDateTime value : parameters) {
        statement.setObject(i++, value);
      }
      return i;
    }
  }

  /** What the id column holds, and which of its rows outside the ranges are read. */
  private record Ids(boolean wholeNumbers, boolean openBelow, boolean openAbove, boolean nulls)
      implements Serializable {
    static final Ids RANGES_ONLY = new Ids(true, false, false, false);
  }

  private ReadByIdRanges(
      SourceDatabase source,
      String table,
      String select,
      String idColumn,
      List<KV<Long, Long>> ranges,
      Filter filter,
      Ids ids) {
    this.source = source;
    this.table = table;
    this.select = select;
    this.idColumn = idColumn;
    this.ranges = ranges;
    this.filter = filter;
    this.ids = ids;
  }

  /**
   * Reads the rows whose id lies in {@code ranges} only: no filter, a whole-number id column, no
   * open ends, no NULL ids.
   *
   * @param table the source table name rows are attributed to
   * @param select {@code SELECT ... FROM ...} without WHERE
   * @param idColumn the (qualified) id expression the ranges apply to
   * @param ranges inclusive id ranges in ascending order; may be empty when the table is
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
        Filter.NONE,
        Ids.RANGES_ONLY);
  }

  /** A copy that reads the same ranges of the same select with another filter or other ids. */
  private ReadByIdRanges with(Filter filter, Ids ids) {
    return new ReadByIdRanges(source, table, select, idColumn, ranges, filter, ids);
  }

  /**
   * A predicate every query must also satisfy, e.g. {@code e.start_date_time >= ?}, with its bound
   * values (never pasted into the SQL).
   */
  public ReadByIdRanges withFilter(String predicate, List<LocalDateTime> parameters) {
    String sql = predicate.isBlank() ? "" : "(" + predicate + ") AND ";
    return with(new Filter(sql, List.copyOf(parameters), filter.sample()), ids);
  }

  /**
   * Reads only the ids {@code sample} keeps: the database filters a whole-number id column (the
   * rows it drops never travel), the pipeline any other by the same rule.
   */
  public ReadByIdRanges withSample(IdSample sample) {
    return with(
        new Filter(filter.sql(), filter.parameters(), Objects.requireNonNull(sample, "sample")),
        ids);
  }

  /**
   * Whether the id column holds whole numbers within BIGINT only (an integer type), or may hold
   * fractions or wider numbers.
   */
  public ReadByIdRanges withWholeNumberIds(boolean wholeNumbers) {
    return with(filter, new Ids(wholeNumbers, ids.openBelow(), ids.openAbove(), ids.nulls()));
  }

  /** Also reads the ids below the first range and above the last one. */
  public ReadByIdRanges withOpenEnds(boolean below, boolean above) {
    return with(filter, new Ids(ids.wholeNumbers(), below, above, ids.nulls()));
  }

  /** Also reads the rows whose id is NULL. */
  public ReadByIdRanges withNullIds(boolean read) {
    return with(filter, new Ids(ids.wholeNumbers(), ids.openBelow(), ids.openAbove(), read));
  }

  /** The ranges as queried: for whole-number ids the open ends reach BIGINT's limits. */
  List<KV<Long, Long>> queriedRanges() {
    if (!ids.wholeNumbers() || ranges.isEmpty()) {
      return ranges;
    }
    List<KV<Long, Long>> out = new ArrayList<>(ranges);
    if (ids.openBelow()) {
      out.set(0, KV.of(Long.MIN_VALUE, out.get(0).getValue()));
    }
    if (ids.openAbove()) {
      int last = out.size() - 1;
      out.set(last, KV.of(out.get(last).getKey(), Long.MAX_VALUE));
    }
    return out;
  }

  /**
   * The SQL each range is read with: the filter's parameters, then the range's two bounds
   * (inclusive for whole-number ids, {@code [lo, hi + 1)} otherwise). Public so that a tool
   * comparing itself with this read (the benchmark's plain JDBC scan) sends the same text.
   */
  public String rangeQuery() {
    return select
        + " WHERE "
        + filter.where(idColumn, ids.wholeNumbers())
        + idColumn
        + " >= ? AND "
        + idColumn
        + (ids.wholeNumbers() ? " <= ?" : " < ?");
  }

  /**
   * The query for the rows outside every range this read owns, with the bounds it compares to, or
   * null when there are none.
   */
  String restQuery(List<BigDecimal> bounds) {
    List<String> parts = new ArrayList<>();
    if (ids.nulls()) {
      parts.add(idColumn + " IS NULL");
    }
    if (!ids.wholeNumbers()) {
      // with no range (an empty table when measured) everything not NULL is outside
      if (ranges.isEmpty() && (ids.openBelow() || ids.openAbove())) {
        parts.add(idColumn + " IS NOT NULL");
      } else if (!ranges.isEmpty()) {
        if (ids.openBelow()) {
          parts.add(idColumn + " < ?");
          bounds.add(BigDecimal.valueOf(ranges.get(0).getKey()));
        }
        if (ids.openAbove()) {
          parts.add(idColumn + " >= ?");
          bounds.add(
              BigDecimal.valueOf(ranges.get(ranges.size() - 1).getValue()).add(BigDecimal.ONE));
        }
      }
    }
    return parts.isEmpty()
        ? null
        : select
            + " WHERE "
            + filter.where(idColumn, ids.wholeNumbers())
            + "("
            + String.join(" OR ", parts)
            + ")";
  }

  @Override
  public PCollection<SourceRow> expand(PBegin input) {
    PCollection<SourceRow> ranged =
        input
            .apply(
                "IdRanges",
                Create.of(queriedRanges())
                    .withCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
            // one range per worker slot: without it a runner may read all ranges on one worker
            .apply("SpreadRanges", Reshuffle.viaRandomKey())
            .apply(
                "QueryRanges",
                JdbcIO.<KV<Long, Long>, SourceRow>readAll()
                    .withDataSourceConfiguration(source.dataSource())
                    .withQuery(rangeQuery())
                    .withParameterSetter(new RangeSetter(filter, ids.wholeNumbers()))
                    .withRowMapper(new SourceRowMapper(table))
                    .withCoder(SourceRowCoder.of())
                    .withFetchSize(source.fetchSize())
                    // each range's rows stay in one bundle, so the sink gets full batches
                    .withOutputParallelization(false));
    List<BigDecimal> bounds = new ArrayList<>();
    String rest = restQuery(bounds);
    if (rest == null) {
      // one stream: runners chain it with the next steps without copying every row
      return sampledHere(ranged);
    }
    PCollection<SourceRow> outside =
        input.apply(
            "QueryOutsideRanges",
            JdbcIO.<SourceRow>read()
                .withDataSourceConfiguration(source.dataSource())
                .withQuery(rest)
                .withStatementPreparator(new RestSetter(filter, bounds))
                .withRowMapper(new SourceRowMapper(table))
                .withCoder(SourceRowCoder.of())
                .withFetchSize(source.fetchSize())
                .withOutputParallelization(false));
    return sampledHere(
        PCollectionList.of(ranged).and(outside).apply("AllRows", Flatten.pCollections()));
  }

  /** The sample on an id column the database cannot compute it on (DOUBLE, wide NUMERIC). */
  private PCollection<SourceRow> sampledHere(PCollection<SourceRow> rows) {
    if (filter.sample() == null || ids.wholeNumbers()) {
      return rows;
    }
    // the rows carry the id under its column name, without the select's table alias
    String column = idColumn.substring(idColumn.lastIndexOf('.') + 1);
    return rows.apply("SampleIds", SampleRows.byId(filter.sample(), column));
  }

  /** Binds a range's bounds. A named class: lambdas break DirectRunner display data. */
  record RangeSetter(Filter filter, boolean wholeNumberIds)
      implements JdbcIO.PreparedStatementSetter<KV<Long, Long>> {

    @Override
    public void setParameters(KV<Long, Long> range, PreparedStatement statement) throws Exception {
      int i = filter.bind(statement);
      if (wholeNumberIds) {
        statement.setLong(i++, range.getKey());
        statement.setLong(i, range.getValue());
      } else {
        // [lo, hi + 1): a fraction above hi still belongs here; decimals do not overflow
        statement.setBigDecimal(i++, BigDecimal.valueOf(range.getKey()));
        statement.setBigDecimal(i, BigDecimal.valueOf(range.getValue()).add(BigDecimal.ONE));
      }
    }
  }

  /** Binds the filter's values and the outer bounds of the query outside the ranges. */
  record RestSetter(Filter filter, List<BigDecimal> bounds) implements JdbcIO.StatementPreparator {
    RestSetter {
      bounds = List.copyOf(bounds);
    }

    @Override
    public void setParameters(PreparedStatement statement) throws Exception {
      int i = filter.bind(statement);
      for (BigDecimal bound : bounds) {
        statement.setBigDecimal(i++, bound);
      }
    }
  }
}
