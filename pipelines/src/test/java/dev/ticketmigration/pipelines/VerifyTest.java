package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verify run finds each kind of damage a target can have, reports it by key, exits non-zero,
 * and its repair makes a second verify pass.
 */
class VerifyTest {
  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 1_500, 11);

  @Test
  void findsEveryKindOfDamageAndRepairsIt(@TempDir Path out) {
    String prefix = "verify_" + System.nanoTime() + "_";
    assertEquals(0, env.migrate(prefix, out).exit());

    Run clean = env.migrate(prefix, out, "--mode=VERIFY");
    assertEquals(0, clean.exit(), clean.output());
    assertTrue(clean.stdout().contains("VERIFIED"), clean.output());

    String tickets = TargetTable.TICKET_SALES.tableName(prefix);
    String config = TargetTable.CONFIG.tableName(prefix);
    String transferSk;
    try (DynamoDbClient client = DynamoTarget.local(env.dynamo().endpoint()).newClient()) {
      // the first ticket of the first event is sold out and transferred three times
      var transfers =
          client
              .query(
                  b ->
                      b.tableName(tickets)
                          .keyConditionExpression("PK = :pk")
                          .expressionAttributeValues(
                              Map.of(":pk", AttributeValue.fromS("TICKET#1"))))
              .items();
      transferSk =
          transfers.stream()
              .map(i -> i.get("SK").s())
              .filter(s -> s.startsWith("TRANSFER#"))
              .findFirst()
              .orElseThrow();
      // a missing transfer item (also a history/transfer mismatch)
      client.deleteItem(b -> b.tableName(tickets).key(Damage.key("TICKET#1", transferSk)));
      // a deleted ticket
      client.deleteItem(b -> b.tableName(tickets).key(Damage.key("TICKET#2", "TICKET")));
      // a changed price
      Damage.set(
          client, tickets, "TICKET#3", "TICKET", "ticket_price", AttributeValue.fromN("0.01"));
      // a wrong status
      Damage.set(
          client, tickets, "TICKET#4", "TICKET", "status", AttributeValue.fromS("AVAILABLE"));
      // a missing GSI attribute
      client.updateItem(
          b ->
              b.tableName(tickets)
                  .key(Damage.key("TICKET#5", "TICKET"))
                  .updateExpression("REMOVE GSI1_PK, GSI1_SK"));
      // an extra item
      Damage.putExtraPerson(client, config, "PERSON#999999999");
    }

    Run damaged = env.migrate(prefix, out, "--mode=VERIFY", "--findingsShown=20");
    assertEquals(3, damaged.exit(), damaged.output());
    String report = damaged.stdout();
    assertTrue(report.contains("MISSING " + tickets + " TICKET#1 | " + transferSk), report);
    assertTrue(report.contains("MISSING " + tickets + " TICKET#2 | TICKET"), report);
    assertTrue(
        report.contains("DIFFERENT " + tickets + " TICKET#3 | TICKET: attributes [ticket_price]"),
        report);
    assertTrue(
        report.contains("DIFFERENT " + tickets + " TICKET#4 | TICKET: attributes [status]"),
        report);
    assertTrue(
        report.contains(
            "DIFFERENT " + tickets + " TICKET#5 | TICKET: attributes [GSI1_PK, GSI1_SK]"),
        report);
    assertTrue(report.contains("EXTRA " + config + " PERSON#999999999 | PROFILE"), report);
    assertTrue(report.contains("TRANSFER_MISMATCH " + tickets + " TICKET#1"), report);
    assertTrue(report.contains("NOT VERIFIED: 7 problems"), report);

    Run repair = env.migrate(prefix, out, "--mode=VERIFY", "--repair");
    assertEquals(3, repair.exit(), repair.output());
    Run again = env.migrate(prefix, out, "--mode=VERIFY");
    assertEquals(0, again.exit(), again.output());
    assertTrue(again.stdout().contains("VERIFIED"), again.output());
  }
}
