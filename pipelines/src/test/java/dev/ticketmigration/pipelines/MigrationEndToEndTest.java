package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.SourceSchema;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole migration from each real source (H2, the local PostgreSQL and MariaDB) into dynalite,
 * through the same entry point users run, checked item by item against an independent expectation
 * computed from the source rows.
 */
class MigrationEndToEndTest {
  private static Dynalite dynamo;

  @BeforeAll
  static void startDynamo() {
    dynamo = Dynalite.start();
  }

  @AfterAll
  static void stopDynamo() {
    dynamo.close();
  }

  @ParameterizedTest
  @EnumSource(TestSource.Kind.class)
  void migratesEveryRowExactlyAsTheSpecSays(TestSource.Kind kind, @TempDir Path out)
      throws Exception {
    try (TestSource source = TestSource.create(kind)) {
      try (Connection c = source.connect()) {
        SourceSchema.create(c, source.dialect(), source.schema());
        DataGenerator.forTickets(3_000, 7).generate(c, source.dialect(), source.schema());
      }
      String prefix = "e2e_" + kind.name().toLowerCase(Locale.ROOT) + "_" + System.nanoTime() + "_";
      Run run = Run.migrate(source, dynamo.endpoint(), prefix, out, "--readPartitions=3");
      assertEquals(0, run.exit(), run.output());
      assertTrue(run.stdout().contains("Rejected rows: none"), run.output());

      DynamoTarget target = DynamoTarget.local(dynamo.endpoint());
      try (Connection c = source.connect();
          DynamoDbClient client = target.newClient()) {
        assertSame(
            ExpectedItems.ticketSales(c, source.schema()),
            TargetItems.scan(client, TargetTable.TICKET_SALES.tableName(prefix)));
        assertSame(
            ExpectedItems.config(c, source.schema()),
            TargetItems.scan(client, TargetTable.CONFIG.tableName(prefix)));
      }
    }
  }

  private static void assertSame(
      Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual) {
    List<String> diffs = TargetItems.differences(expected, actual, 10);
    assertTrue(diffs.isEmpty(), "first differences:\n" + String.join("\n", diffs));
    assertEquals(expected.size(), actual.size());
    assertTrue(expected.size() > 100, "dataset too small to mean anything: " + expected.size());
  }
}
