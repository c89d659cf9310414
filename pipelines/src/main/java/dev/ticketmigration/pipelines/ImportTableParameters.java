package dev.ticketmigration.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketmigration.schemas.TargetTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Writes, next to each table's import files, the {@code TableCreationParameters} that DynamoDB's
 * ImportTable needs (name, keys, GSIs, on-demand billing), ready for {@code aws dynamodb
 * import-table --table-creation-parameters file://table-parameters.json}.
 */
final class ImportTableParameters {
  private ImportTableParameters() {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static void write(RunSettings.ImportFiles files, String prefix, PrintStream out) {
    for (TargetTable table : TargetTable.values()) {
      String name = table.tableName(prefix);
      String path = files.tableDirectory(name) + "/table-parameters.json";
      try (OutputStream stream =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
        JSON.writeValue(stream, parameters(table.createTableRequest(prefix)));
      } catch (IOException e) {
        throw new MigrationException(
            "cannot write " + path + ": " + e.getMessage() + " (fix --exportDir)");
      }
      out.println("Import files for " + name + " go to " + files.tableDirectory(name) + "/data/");
    }
  }

  /** ImportTable's TableCreationParameters, in the API's JSON field names. */
  static ObjectNode parameters(CreateTableRequest request) {
    ObjectNode p = JSON.createObjectNode();
    p.put("TableName", request.tableName());
    ArrayNode attributes = p.putArray("AttributeDefinitions");
    request
        .attributeDefinitions()
        .forEach(
            a ->
                attributes
                    .addObject()
                    .put("AttributeName", a.attributeName())
                    .put("AttributeType", a.attributeTypeAsString()));
    keys(p.putArray("KeySchema"), request.keySchema());
    p.put("BillingMode", request.billingModeAsString());
    ArrayNode indexes = p.putArray("GlobalSecondaryIndexes");
    request
        .globalSecondaryIndexes()
        .forEach(
            g -> {
              ObjectNode index = indexes.addObject();
              index.put("IndexName", g.indexName());
              keys(index.putArray("KeySchema"), g.keySchema());
              index
                  .putObject("Projection")
                  .put("ProjectionType", g.projection().projectionTypeAsString());
            });
    return p;
  }

  private static void keys(ArrayNode array, List<KeySchemaElement> keys) {
    keys.forEach(
        k ->
            array
                .addObject()
                .put("AttributeName", k.attributeName())
                .put("KeyType", k.keyTypeAsString()));
  }
}
