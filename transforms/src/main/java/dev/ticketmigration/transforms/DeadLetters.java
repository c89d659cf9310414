package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.SourceRow;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** The dead-letter tag and the one way steps route a rejected row to it (counted per table). */
public final class DeadLetters {
  private DeadLetters() {}

  /** Tagged output of every step that can reject a row. */
  public static final TupleTag<DeadLetter> TAG = new TupleTag<DeadLetter>() {};

  /** Emits the dead letter of {@code row} and counts it against the row's table. */
  public static void reject(DoFn<?, ?>.ProcessContext context, SourceRow row, String reason) {
    DeadLetter letter = DeadLetter.of(row, reason);
    Metrics.counter(MetricNames.NAMESPACE, MetricNames.rejected(letter.sourceTable())).inc();
    Progress.rowRejected();
    context.output(TAG, letter);
  }

  /** Rejects {@code row} if it could not be read; returns whether it did. */
  public static boolean rejectUnread(DoFn<?, ?>.ProcessContext context, SourceRow row) {
    if (row.readError() == null) {
      return false;
    }
    reject(context, row, row.readError());
    return true;
  }
}
