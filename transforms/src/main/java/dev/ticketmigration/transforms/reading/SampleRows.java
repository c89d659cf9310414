package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import dev.ticketmigration.schemas.SourceTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps a deterministic fraction of rows, chosen by a hash of one key column, so that a ticket and
 * its purchase history are kept or dropped together (both sampled on the ticket id) and a re-run
 * samples the same rows.
 */
public final class SampleRows extends PTransform<PCollection<SourceRow>, PCollection<SourceRow>> {
  private final double fraction;
  private final List<String> keyColumns;

  private SampleRows(double fraction, List<String> keyColumns) {
    this.fraction = fraction;
    this.keyColumns = keyColumns;
  }

  /** Rows whose {@code keyColumns} hash below {@code fraction} (0 < fraction <= 1). */
  public static SampleRows of(double fraction, List<String> keyColumns) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("sample fraction must be in (0, 1], was " + fraction);
    }
    return new SampleRows(fraction, List.copyOf(keyColumns));
  }

  /** Config rows sampled on their table's primary key. */
  public static SampleRows byPrimaryKey(double fraction, SourceTable table) {
    return of(fraction, table.keyColumns());
  }

  @Override
  public PCollection<SourceRow> expand(PCollection<SourceRow> rows) {
    return rows.apply(Filter.by(new KeepFn(fraction, keyColumns))).setCoder(SourceRowCoder.of());
  }

  static final class KeepFn implements SerializableFunction<SourceRow, Boolean> {
    private final double fraction;
    private final List<String> keyColumns;

    KeepFn(double fraction, List<String> keyColumns) {
      this.fraction = fraction;
      this.keyColumns = keyColumns;
    }

    @Override
    public Boolean apply(SourceRow row) {
      CRC32 crc = new CRC32();
      crc.update(
          row.describeKey(keyColumns).replaceAll("^[^=]*=", "").getBytes(StandardCharsets.UTF_8));
      return crc.getValue() < fraction * 4294967296.0;
    }
  }
}
