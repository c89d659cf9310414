package dev.ticketmigration.transforms.writing;

import dev.ticketmigration.schemas.DynamoJson;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes items as gzip DynamoDB JSON files ({@code {"Item": {...}}} per line) that DynamoDB's
 * Import from S3 loads into a new table without consuming write capacity. The directory may be
 * local or {@code s3://} (any Beam file system).
 */
public final class ExportItems extends PTransform<PCollection<Map<String, AttributeValue>>, PDone> {
  private final String directory;
  private final int shards;

  private ExportItems(String directory, int shards) {
    this.directory = Objects.requireNonNull(directory);
    this.shards = shards;
  }

  /**
   * Files under {@code directory}/data/. {@code shards} fixes the file count (0: the runner
   * decides); ImportTable reads any number of files, and files of a few hundred MB import best.
   */
  public static ExportItems to(String directory, int shards) {
    return new ExportItems(directory, shards);
  }

  @Override
  public PDone expand(PCollection<Map<String, AttributeValue>> items) {
    String prefix = (directory.endsWith("/") ? directory : directory + "/") + "data/items";
    // GZIP appends .gz: files are named items-00000-of-0000N.json.gz
    TextIO.Write write =
        TextIO.write().to(prefix).withSuffix(".json").withCompression(Compression.GZIP);
    if (shards > 0) {
      write = write.withNumShards(shards);
    }
    return items
        .apply("ToDynamoJson", MapElements.via(new ToImportLine()))
        .apply("WriteGzip", write);
  }

  static final class ToImportLine extends SimpleFunction<Map<String, AttributeValue>, String> {
    @Override
    public String apply(Map<String, AttributeValue> item) {
      return DynamoJson.importLine(item);
    }
  }
}
