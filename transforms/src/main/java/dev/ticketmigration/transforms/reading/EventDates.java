package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The start date of every event in the source ({@code yyyy-MM-dd} by event id), as a side input for
 * placing target items in a slice by event date. Read with its own small query, so the
 * sporting_event rows are not counted as rows a run migrates or verifies.
 */
public final class EventDates
    extends PTransform<PBegin, PCollectionView<Map<String, Iterable<String>>>> {
  private final SourceDatabase source;

  private EventDates(SourceDatabase source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  public static EventDates from(SourceDatabase source) {
    return new EventDates(source);
  }

  @Override
  public PCollectionView<Map<String, Iterable<String>>> expand(PBegin input) {
    return input
        .apply(
            "QueryEventDates",
            JdbcIO.<KV<String, String>>read()
                .withDataSourceConfiguration(source.dataSource())
                .withQuery(
                    SqlText.SELECT
                        + SourceColumns.ID
                        + ", "
                        + SourceColumns.START_DATE_TIME
                        + " FROM "
                        + source.qualify(SourceTable.SPORTING_EVENT.tableName()))
                .withRowMapper(new EventDateMapper())
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
                .withFetchSize(source.fetchSize())
                .withOutputParallelization(false))
        .apply("KnownDates", Filter.by(new KnownDate()))
        .apply("EventDatesView", View.asMultimap());
  }

  /** (id digits, date) of a row; "" for a part that is not an id or date. */
  static final class EventDateMapper implements JdbcIO.RowMapper<KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public KV<String, String> mapRow(ResultSet rs) throws Exception {
      BigDecimal id = rs.getBigDecimal(1);
      String digits = id == null ? null : SourceValues.idDigits(id.toPlainString());
      LocalDateTime start = rs.getObject(2, LocalDateTime.class);
      return KV.of(
          digits == null ? "" : digits,
          start == null ? "" : SourceValues.date(start.toLocalDate()));
    }
  }

  static final class KnownDate
      implements org.apache.beam.sdk.transforms.SerializableFunction<KV<String, String>, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean apply(KV<String, String> row) {
      return !row.getKey().isEmpty() && !row.getValue().isEmpty();
    }
  }
}
