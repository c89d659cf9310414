package dev.ticketmigration.transforms.items;

import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.RowFields;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.transforms.DeadLetters;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Keys rows by an id column for the join. Rows that could not be read, or whose id is NULL or not a
 * BIGINT, go to {@link DeadLetters#TAG}.
 */
public final class KeyById extends DoFn<SourceRow, KV<Long, SourceRow>> {
  public static final TupleTag<KV<Long, SourceRow>> KEYED = new TupleTag<KV<Long, SourceRow>>() {};

  private final String idColumn;
  private transient DeadLetters.Counters deadLetters;

  public KeyById(String idColumn) {
    this.idColumn = idColumn;
  }

  @Setup
  public void setup() {
    deadLetters = new DeadLetters.Counters();
  }

  @ProcessElement
  public void processElement(ProcessContext context) {
    SourceRow row = context.element();
    if (row.readError() != null) {
      deadLetters.reject(context, row, row.readError());
      return;
    }
    try {
      context.output(KV.of(Long.parseLong(RowFields.id(row, idColumn)), row));
    } catch (RejectedRowException e) {
      deadLetters.reject(context, row, e.reason());
    }
  }
}
