package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.SourceRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** The dead-letter tag and the one way steps route a rejected row to it (counted per table). */
public final class DeadLetters {
  private DeadLetters() {}

  /** Tagged output of every step that can reject a row. */
  public static final TupleTag<DeadLetter> TAG = new TupleTag<DeadLetter>() {};

  /** Counts rejections per source table; one per DoFn instance. */
  public static final class Counters {
    private final Map<String, Counter> byTable = new HashMap<>();

    /** Emits the dead letter of {@code row} and counts it. */
    public void reject(DoFn<?, ?>.ProcessContext context, SourceRow row, String reason) {
      emit(context, DeadLetter.of(row, reason));
    }

    public void emit(DoFn<?, ?>.ProcessContext context, DeadLetter letter) {
      byTable
          .computeIfAbsent(
              letter.sourceTable(),
              t -> Metrics.counter(MetricNames.NAMESPACE, MetricNames.rejected(t)))
          .inc();
      Progress.rowRejected();
      context.output(TAG, letter);
    }
  }
}
