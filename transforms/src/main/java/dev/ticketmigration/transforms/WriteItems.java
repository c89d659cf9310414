package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.dynamodb.DynamoDBIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes validated items to one DynamoDB table with Beam's DynamoDBIO (BatchWriteItem of 25,
 * unprocessed items retried with backoff). Puts are idempotent, so a re-run rewrites the same
 * items. Items are counted per entity on their way in; a failed write fails the run, so on success
 * every counted item is in the table.
 */
public final class WriteItems
    extends PTransform<PCollection<Map<String, AttributeValue>>, PCollection<Void>> {
  private final DynamoTarget target;
  private final String tableName;

  private WriteItems(DynamoTarget target, String tableName) {
    this.target = Objects.requireNonNull(target, "target");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  /** Writes to the physical table {@code tableName} of {@code target}. */
  public static WriteItems to(DynamoTarget target, String tableName) {
    return new WriteItems(target, tableName);
  }

  @Override
  public PCollection<Void> expand(PCollection<Map<String, AttributeValue>> items) {
    return items
        .apply("CountItems", ParDo.of(new CountByEntityFn(tableName)))
        .setCoder(ItemCoder.of())
        .apply(
            "BatchWriteItem",
            DynamoDBIO.<Map<String, AttributeValue>>write()
                .withClientConfiguration(target.clientConfiguration())
                .withWriteRequestMapperFn(new PutRequestFn(tableName)));
  }

  /** Counts items per entity under {@link MetricNames#itemsWritten}. */
  static final class CountByEntityFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    private final String tableName;
    private transient Map<String, Counter> counters;

    CountByEntityFn(String tableName) {
      this.tableName = tableName;
    }

    @Setup
    public void setup() {
      counters = new HashMap<>();
    }

    @ProcessElement
    public void processElement(
        @Element Map<String, AttributeValue> item,
        OutputReceiver<Map<String, AttributeValue>> out) {
      counters
          .computeIfAbsent(
              Items.entity(item),
              e -> Metrics.counter(MetricNames.NAMESPACE, MetricNames.itemsWritten(tableName, e)))
          .inc();
      out.output(item);
    }
  }

  /** An item as a PutRequest for its table. */
  static final class PutRequestFn
      implements SerializableFunction<Map<String, AttributeValue>, KV<String, WriteRequest>> {
    private static final long serialVersionUID = 1L;
    private final String tableName;

    PutRequestFn(String tableName) {
      this.tableName = tableName;
    }

    @Override
    public KV<String, WriteRequest> apply(Map<String, AttributeValue> item) {
      return KV.of(
          tableName,
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
  }
}
