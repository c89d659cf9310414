package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.dynamodb.DynamoDBIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads every item of a table with a parallel Scan (one segment per worker slot). Only the verify
 * run scans: the access patterns never do.
 */
public final class ReadTableItems
    extends PTransform<PBegin, PCollection<Map<String, AttributeValue>>> {
  private final DynamoTarget target;
  private final String tableName;
  private final int segments;

  private ReadTableItems(DynamoTarget target, String tableName, int segments) {
    this.target = Objects.requireNonNull(target);
    this.tableName = Objects.requireNonNull(tableName);
    this.segments = segments;
  }

  public static ReadTableItems from(DynamoTarget target, String tableName, int segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("scan segments must be at least 1, was " + segments);
    }
    return new ReadTableItems(target, tableName, segments);
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(PBegin input) {
    return input
        .apply(
            "Scan",
            DynamoDBIO.<List<Map<String, AttributeValue>>>read()
                .withClientConfiguration(target.clientConfiguration())
                .withScanRequestFn(new ScanRequestFn(tableName, segments))
                .items())
        .apply("FlattenPages", Flatten.iterables())
        .setCoder(ItemCoder.of())
        .apply("CountScanned", ParDo.of(new CountScannedFn()))
        .setCoder(ItemCoder.of());
  }

  /** Counts each scanned item in this JVM's progress lines. */
  static final class CountScannedFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    @ProcessElement
    public void processElement(
        @Element Map<String, AttributeValue> item,
        OutputReceiver<Map<String, AttributeValue>> out) {
      Progress.count(Progress.Phase.SCANNING);
      out.output(item);
    }
  }

  /** A consistent parallel scan of the whole table. */
  record ScanRequestFn(String tableName, int segments)
      implements SerializableFunction<Void, ScanRequest> {

    @Override
    public ScanRequest apply(Void input) {
      return ScanRequest.builder()
          .tableName(tableName)
          .totalSegments(segments)
          .consistentRead(true)
          .build();
    }
  }
}
