package dev.ticketmigration.transforms.writing;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.transforms.CountItems;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.dynamodb.DynamoDBIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
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
  private final boolean delete;
  private final Progress.Settings progress;
  private final double maxItemsPerSecond;

  private WriteItems(
      DynamoTarget target,
      String tableName,
      boolean delete,
      Progress.Settings progress,
      double maxItemsPerSecond) {
    this.target = Objects.requireNonNull(target, "target");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.delete = delete;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.maxItemsPerSecond = maxItemsPerSecond;
  }

  /** Puts items into the physical table {@code tableName} of {@code target}. */
  public static WriteItems to(DynamoTarget target, String tableName) {
    return new WriteItems(target, tableName, false, Progress.Settings.OFF, 0);
  }

  /** Deletes items (by their PK and SK) from the table instead: a verify run's repair. */
  public static WriteItems deleteFrom(DynamoTarget target, String tableName) {
    return new WriteItems(target, tableName, true, Progress.Settings.OFF, 0);
  }

  /** Reports written items in progress lines. */
  public WriteItems withProgress(Progress.Settings settings) {
    return new WriteItems(target, tableName, delete, settings, maxItemsPerSecond);
  }

  /**
   * Caps this JVM's writes at {@code itemsPerSecond}, shared by every write step in the JVM; 0
   * means no cap.
   */
  public WriteItems withRateLimit(double itemsPerSecond) {
    if (itemsPerSecond < 0) {
      throw new IllegalArgumentException("rate limit must be >= 0, was " + itemsPerSecond);
    }
    return new WriteItems(target, tableName, delete, progress, itemsPerSecond);
  }

  @Override
  public PCollection<Void> expand(PCollection<Map<String, AttributeValue>> items) {
    PCollection<Map<String, AttributeValue>> counted =
        items.apply(
            "CountItems",
            CountItems.as(delete ? MetricNames.ITEMS_DELETED : MetricNames.ITEMS_WRITTEN, tableName)
                .withProgress(progress, Progress.Phase.WRITING));
    if (maxItemsPerSecond > 0) {
      counted = counted.apply("LimitRate", ThrottleItems.perJvm(maxItemsPerSecond));
    }
    return counted.apply(
        "BatchWriteItem",
        DynamoDBIO.<Map<String, AttributeValue>>write()
            .withClientConfiguration(target.clientConfiguration())
            .withWriteRequestMapperFn(new RequestFn(tableName, delete)));
  }

  /** An item as a PutRequest for its table, or its key as a DeleteRequest (a repair). */
  record RequestFn(String tableName, boolean delete)
      implements SerializableFunction<Map<String, AttributeValue>, KV<String, WriteRequest>> {

    @Override
    public KV<String, WriteRequest> apply(Map<String, AttributeValue> item) {
      WriteRequest.Builder request = WriteRequest.builder();
      if (delete) {
        Map<String, AttributeValue> key =
            Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK));
        request.deleteRequest(DeleteRequest.builder().key(key).build());
      } else {
        request.putRequest(PutRequest.builder().item(item).build());
      }
      return KV.of(tableName, request.build());
    }
  }
}
