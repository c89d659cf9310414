package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.testdata.DataGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One dynalite and a generated H2 source migrated into it, with a client and the ticket patterns,
 * for a whole test class: ready before the class's own {@code @BeforeAll} methods, closed after its
 * {@code @AfterAll} ones. Register it as a static {@code @RegisterExtension} field.
 */
final class MigratedH2 implements BeforeAllCallback, AfterAllCallback {
  private final long tickets;
  private final long seed;
  private Path work;
  private Dynalite dynamo;
  private DynamoDbClient client;
  private MigratedSource migrated;
  private TicketSalesPatterns sales;

  MigratedH2(long tickets, long seed) {
    this.tickets = tickets;
    this.seed = seed;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    work = Files.createTempDirectory("migrated-h2-");
    dynamo = Dynalite.start();
    client = MigratedSource.localClient(dynamo.endpoint());
    migrated =
        MigratedSource.create(
            TestSource.Kind.H2, DataGenerator.forTickets(tickets, seed), dynamo.endpoint(), work);
    sales = new TicketSalesPatterns(client, migrated.ticketSalesTable());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (migrated != null) {
      migrated.close();
    }
    if (client != null) {
      client.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  DynamoDbClient client() {
    return client;
  }

  MigratedSource migrated() {
    return migrated;
  }

  TicketSalesPatterns sales() {
    return sales;
  }

  /** The ticket item of {@code ticket}, read consistently. */
  Map<String, AttributeValue> ticketItem(long ticket) {
    return client
        .getItem(
            b ->
                b.tableName(migrated.ticketSalesTable())
                    .key(
                        Map.of(
                            Attr.PK,
                            Items.s(KeyFormats.ticketPk(ticket + "")),
                            Attr.SK,
                            Items.s(KeyFormats.TICKET_SK)))
                    .consistentRead(true))
        .item();
  }
}
