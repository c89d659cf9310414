package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts items per entity under {@code <what>.<table>.<entity>} and passes them on unchanged; the
 * summaries and the verify report read these counters.
 */
public final class CountItems
    extends PTransform<
        PCollection<Map<String, AttributeValue>>, PCollection<Map<String, AttributeValue>>> {
  private final String what;
  private final String tableName;
  private final Progress.Settings progress;
  private final Progress.Phase phase;

  private CountItems(
      String what, String tableName, Progress.Settings progress, Progress.Phase phase) {
    this.what = what;
    this.tableName = tableName;
    this.progress = progress;
    this.phase = phase;
  }

  /** Counts as {@code <what>.<table>.<entity>}, e.g. {@code items_written.config.PERSON}. */
  public static CountItems as(String what, String tableName) {
    return new CountItems(what, tableName, Progress.Settings.OFF, Progress.Phase.WRITING);
  }

  /** Also counts the items in this JVM's {@link Progress} lines, as events of {@code phase}. */
  public CountItems withProgress(Progress.Settings settings, Progress.Phase phase) {
    return new CountItems(what, tableName, settings, phase);
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(
      PCollection<Map<String, AttributeValue>> items) {
    return items
        .apply(ParDo.of(new CountFn(what + "." + tableName + ".", progress, phase)))
        .setCoder(ItemCoder.of());
  }

  static final class CountFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    private final String prefix;
    private final Progress.Settings progress;
    private final Progress.Phase phase;
    private transient Map<String, Counter> counters;

    CountFn(String prefix, Progress.Settings progress, Progress.Phase phase) {
      this.prefix = prefix;
      this.progress = progress;
      this.phase = phase;
    }

    @Setup
    public void setup() {
      counters = new HashMap<>();
      if (progress.intervalSeconds() > 0) {
        // no-op when the driver already reports from this JVM (local runs)
        Progress.startOnWorker(progress);
      }
    }

    @ProcessElement
    public void processElement(
        @Element Map<String, AttributeValue> item,
        OutputReceiver<Map<String, AttributeValue>> out) {
      counters
          .computeIfAbsent(
              Items.entity(item), e -> Metrics.counter(MetricNames.NAMESPACE, prefix + e))
          .inc();
      if (progress.intervalSeconds() > 0) {
        Progress.count(phase);
      }
      out.output(item);
    }
  }
}
