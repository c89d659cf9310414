package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps a deterministic sample of rows that were read whole, for the sources the database cannot
 * sample itself ({@link IdSample#predicate} is the cheaper way): an id column the database cannot
 * compute the sample on (DOUBLE ids) is sampled by the very same {@link IdSample#keeps}, so a
 * ticket and its history rows are still kept together; a table keyed by text is sampled by a hash
 * of its key. A re-run samples the same rows.
 */
public final class SampleRows extends PTransform<PCollection<SourceRow>, PCollection<SourceRow>> {
  private final IdSample sample;
  private final List<String> keyColumns;

  private SampleRows(IdSample sample, List<String> keyColumns) {
    this.sample = sample;
    this.keyColumns = keyColumns;
  }

  /** Rows whose numeric id column {@code sample} keeps, as the database would have. */
  public static SampleRows byId(IdSample sample, String idColumn) {
    return new SampleRows(sample, List.of(idColumn));
  }

  /** Config rows sampled on their table's primary key. */
  public static SampleRows byPrimaryKey(IdSample sample, SourceTable table) {
    return new SampleRows(sample, table.keyColumns());
  }

  @Override
  public PCollection<SourceRow> expand(PCollection<SourceRow> rows) {
    return rows.apply(Filter.by(new KeepFn(sample, keyColumns))).setCoder(SourceRowCoder.of());
  }

  static final class KeepFn implements SerializableFunction<SourceRow, Boolean> {
    private static final long serialVersionUID = 1L;
    private final IdSample sample;
    private final List<String> keyColumns;

    KeepFn(IdSample sample, List<String> keyColumns) {
      this.sample = sample;
      this.keyColumns = keyColumns;
    }

    @Override
    public Boolean apply(SourceRow row) {
      Long id = keyColumns.size() == 1 ? wholeId(row, keyColumns.get(0)) : null;
      if (id != null) {
        return sample.keeps(id);
      }
      // a text key, or an id that is no number within BIGINT (such a row is rejected anyway)
      CRC32 crc = new CRC32();
      crc.update(
          row.describeKey(keyColumns).replaceAll("^[^=]*=", "").getBytes(StandardCharsets.UTF_8));
      return crc.getValue() < sample.fraction() * 4294967296.0;
    }

    private static Long wholeId(SourceRow row, String column) {
      if (row.kind(column) != SourceRow.Kind.NUMBER) {
        return null;
      }
      try {
        BigDecimal value = row.number(column);
        return value == null ? null : value.setScale(0, RoundingMode.FLOOR).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
  }
}
