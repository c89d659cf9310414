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

  public KeyById(String idColumn) {
    this.idColumn = idColumn;
  }

  @ProcessElement
  public void processElement(ProcessContext context) {
    SourceRow row = context.element();
    try {
      if (!DeadLetters.rejectUnread(context, row)) {
        context.output(KV.of(Long.parseLong(RowFields.id(row, idColumn)), row));
      }
    } catch (RejectedRowException e) {
      DeadLetters.reject(context, row, e.reason());
    }
  }
}
