package dev.ticketmigration.localdynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteTest {

  @Test
  void servesDynamoDbApiAndStopsOnClose() throws Exception {
    int port;
    try (Dynalite dynamo = Dynalite.start();
        DynamoDbClient client = client(dynamo.endpoint())) {
      port = dynamo.port();
      createTable(client);
      client.putItem(b -> b.tableName("things").item(Map.of("PK", AttributeValue.fromS("a"))));
      assertEquals(
          "a",
          client
              .getItem(b -> b.tableName("things").key(Map.of("PK", AttributeValue.fromS("a"))))
              .item()
              .get("PK")
              .s());
    }
    assertFalse(listening(port), "dynalite still listening after close");
  }

  @Test
  void keepsDataInFolderAcrossRestarts(@TempDir Path dir) {
    try (Dynalite dynamo = Dynalite.start(dir);
        DynamoDbClient client = client(dynamo.endpoint())) {
      createTable(client);
      client.putItem(b -> b.tableName("things").item(Map.of("PK", AttributeValue.fromS("kept"))));
    }
    try (Dynalite dynamo = Dynalite.start(dir);
        DynamoDbClient client = client(dynamo.endpoint())) {
      assertTrue(
          client
              .getItem(b -> b.tableName("things").key(Map.of("PK", AttributeValue.fromS("kept"))))
              .hasItem());
    }
  }

  @Test
  void missingInstallationNamesTheFix(@TempDir Path elsewhere) {
    LocalDynamoException e =
        assertThrows(
            LocalDynamoException.class,
            () -> Dynalite.locateCli(elsewhere.resolve("none").toString(), elsewhere));
    assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    assertTrue(e.getMessage().contains("--dynamoEndpoint"), e.getMessage());
  }

  @Test
  void missingNodeIsOneClearMessage(@TempDir Path dir) {
    LocalDynamoException e =
        assertThrows(
            LocalDynamoException.class,
            () -> Dynalite.checkNode(dir.resolve("no-node-here").toString()));
    assertTrue(e.getMessage().startsWith("Node.js is not on the PATH"), e.getMessage());
  }

  @Test
  void oldNodeIsOneClearMessage(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("node");
    java.nio.file.Files.writeString(fake, "#!/bin/sh\necho v18.19.0\n");
    fake.toFile().setExecutable(true);
    LocalDynamoException e =
        assertThrows(LocalDynamoException.class, () -> Dynalite.checkNode(fake.toString()));
    assertTrue(e.getMessage().contains("v18.19.0 is too old"), e.getMessage());
    assertEquals("node", Dynalite.checkNode("node"));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void createTable(DynamoDbClient client) {
    client.createTable(
        b ->
            b.tableName("things")
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("PK")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  private static DynamoDbClient client(String endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build();
  }
}
