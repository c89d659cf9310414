package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.DynamoJson;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The IMPORT_FILES sink writes what DynamoDB's Import from S3 reads: a small loader that does what
 * ImportTable does (create the table from table-parameters.json, put every line's item) fills
 * dynalite, and a verify run against it passes.
 */
class ImportFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void importFilesLoadIntoATableThatVerifies(@TempDir Path out) throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.H2).generate(800, 9);
        Dynalite dynamo = Dynalite.start()) {
      String prefix = "import_";
      Path exportDir = out.resolve("import");
      Run export =
          Run.migrate(
              source,
              "http://127.0.0.1:1",
              prefix,
              out,
              "--sink=IMPORT_FILES",
              "--exportDir=" + exportDir,
              "--exportShards=2");
      assertEquals(0, export.exit(), export.output());

      long loaded = 0;
      try (DynamoDbClient client = DynamoTarget.local(dynamo.endpoint()).newClient()) {
        for (TargetTable table : TargetTable.values()) {
          Path dir = exportDir.resolve(table.tableName(prefix));
          createTable(client, JSON.readTree(dir.resolve("table-parameters.json").toFile()));
          List<Path> files;
          try (Stream<Path> list = Files.list(dir.resolve("data"))) {
            files = list.filter(f -> f.toString().endsWith(".json.gz")).toList();
          }
          assertEquals(2, files.size(), "files in " + dir + ": " + listing(dir));
          for (Path file : files) {
            loaded += load(client, table.tableName(prefix), file);
          }
        }
      }
      assertTrue(loaded > 1000, "only " + loaded + " items exported");

      Run verify = Run.migrate(source, dynamo.endpoint(), prefix, out, "--mode=VERIFY");
      assertEquals(0, verify.exit(), verify.output());
    }
  }

  private static String listing(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(Path::toString).toList().toString();
    }
  }

  /** CreateTable from ImportTable's TableCreationParameters JSON. */
  private static void createTable(DynamoDbClient client, JsonNode p) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    p.get("AttributeDefinitions")
        .forEach(
            a ->
                attributes.add(
                    AttributeDefinition.builder()
                        .attributeName(a.get("AttributeName").asText())
                        .attributeType(a.get("AttributeType").asText())
                        .build()));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    p.get("GlobalSecondaryIndexes")
        .forEach(
            g ->
                indexes.add(
                    GlobalSecondaryIndex.builder()
                        .indexName(g.get("IndexName").asText())
                        .keySchema(keys(g.get("KeySchema")))
                        .projection(
                            Projection.builder()
                                .projectionType(g.get("Projection").get("ProjectionType").asText())
                                .build())
                        .build()));
    client.createTable(
        b ->
            b.tableName(p.get("TableName").asText())
                .attributeDefinitions(attributes)
                .keySchema(keys(p.get("KeySchema")))
                .billingMode(p.get("BillingMode").asText())
                .globalSecondaryIndexes(indexes));
  }

  private static List<KeySchemaElement> keys(JsonNode keys) {
    List<KeySchemaElement> list = new ArrayList<>();
    keys.forEach(
        k ->
            list.add(
                KeySchemaElement.builder()
                    .attributeName(k.get("AttributeName").asText())
                    .keyType(k.get("KeyType").asText())
                    .build()));
    return list;
  }

  private static long load(DynamoDbClient client, String table, Path file) throws Exception {
    long n = 0;
    List<WriteRequest> batch = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        Map<String, AttributeValue> item = DynamoJson.parseImportLine(line);
        batch.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        n++;
        if (batch.size() == 25) {
          flush(client, table, batch);
        }
      }
    }
    flush(client, table, batch);
    return n;
  }

  private static void flush(DynamoDbClient client, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, new ArrayList<>(batch));
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
      pending = response.unprocessedItems();
    }
    batch.clear();
  }
}
