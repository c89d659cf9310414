package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import dev.ticketmigration.transforms.DynamoTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  enum Source {
    H2(Dialect.H2),
    POSTGRESQL(Dialect.POSTGRESQL),
    MARIADB(Dialect.MARIADB);

    final Dialect dialect;

    Source(Dialect dialect) {
      this.dialect = dialect;
    }
  }

  /** A unique, empty schema on one source, dropped afterwards. */
  record TestSource(String url, String user, String schema, Dialect dialect) implements AutoCloseable {
    static TestSource create(Source source) throws Exception {
      String name = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      switch (source) {
        case H2:
          return new TestSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, Dialect.H2);
        case POSTGRESQL: {
          TestSource s = new TestSource(
              "jdbc:postgresql://127.0.0.1:5432/test", "postgres", name, Dialect.POSTGRESQL);
          s.exec("CREATE SCHEMA " + name);
          return s;
        }
        default: {
          TestSource s =
              new TestSource("jdbc:mariadb://127.0.0.1:3306/test", "root", name, Dialect.MARIADB);
          s.exec("CREATE DATABASE " + name);
          return s;
        }
      }
    }

    Connection connect() throws Exception {
      return DriverManager.getConnection(url, user, "");
    }

    void exec(String sql) throws Exception {
      try (Connection c = connect();
          Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }

    @Override
    public void close() throws Exception {
      switch (dialect) {
        case POSTGRESQL -> exec("DROP SCHEMA " + schema + " CASCADE");
        case MARIADB -> exec("DROP DATABASE " + schema);
        default -> exec("SHUTDOWN");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void migratesEveryRowExactlyAsTheSpecSays(Source kind, @TempDir Path out) throws Exception {
    try (TestSource source = TestSource.create(kind)) {
      try (Connection c = source.connect()) {
        SourceSchema.create(c, source.dialect(), source.schema());
        DataGenerator.forTickets(3_000, 7).generate(c, source.dialect(), source.schema());
      }
      String prefix = "e2e_" + kind.name().toLowerCase() + "_" + System.nanoTime() + "_";
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      String[] args = {
        "--runner=DirectRunner",
        "--sourceUrl=" + source.url(),
        "--sourceUser=" + source.user(),
        "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
        source.schema() == null ? "--sourceSchema=" : "--sourceSchema=" + source.schema(),
        "--dynamoEndpoint=" + dynamo.endpoint(),
        "--tablePrefix=" + prefix,
        "--deadLetterDir=" + out.resolve("dead-letters"),
        "--readPartitions=3"
      };
      int exit =
          Migrate.run(
              args,
              new PrintStream(stdout, true, StandardCharsets.UTF_8),
              new PrintStream(stderr, true, StandardCharsets.UTF_8));
      String printed = stdout.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, printed + stderr.toString(StandardCharsets.UTF_8));
      assertTrue(printed.contains("Rejected rows: none"), printed);

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
