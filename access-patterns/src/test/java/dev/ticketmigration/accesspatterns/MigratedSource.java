package dev.ticketmigration.accesspatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.pipelines.Migrate;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.DataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A generated source migrated into a DynamoDB under a unique table prefix, through the real entry
 * point ({@link Migrate#run}) on the DirectRunner. Slow (seconds per thousand tickets), so tests
 * build one per source and share it.
 */
record MigratedSource(TestSource source, String endpoint, String prefix, Path workDir)
    implements AutoCloseable {

  /** A client for a local DynamoDB: any region, fixed dummy keys. */
  static DynamoDbClient localClient(String endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  static MigratedSource create(
      TestSource.Kind kind, DataGenerator generator, String endpoint, Path workDir)
      throws Exception {
    TestSource source = TestSource.generate(kind, generator);
    String prefix = "ap_" + kind.name().toLowerCase(Locale.ROOT) + "_" + System.nanoTime() + "_";
    MigratedSource migrated = new MigratedSource(source, endpoint, prefix, workDir);
    try {
      Output run = migrated.run("--readPartitions=2");
      assertEquals(0, run.exit(), run.text());
      assertTrue(run.text().contains("Rejected rows: none"), run.text());
    } catch (Exception | AssertionError e) {
      source.close();
      throw e;
    }
    return migrated;
  }

  /** What one run of the entry point printed, and its exit code. */
  record Output(int exit, String text) {}

  /** Runs the entry point on this source and target with extra options (e.g. a verify run). */
  Output run(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + source.url(),
                "--sourceUser=" + source.user(),
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                "--sourceSchema=" + (source.schema() == null ? "" : source.schema()),
                "--dynamoEndpoint=" + endpoint,
                "--dynamoLocal=true",
                "--tablePrefix=" + prefix,
                "--deadLetterDir=" + workDir.resolve("dead-letters"),
                "--verifyOutputDir=" + workDir.resolve("verify"),
                "--reportPath=" + workDir.resolve("run-report.json"),
                // the pipelines module's tests run the DirectRunner's element checks; here the
                // migration is only a fixture, and the checks cost a good part of its time
                "--enforceImmutability=false",
                "--enforceEncodability=false"));
    args.addAll(Arrays.asList(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        Migrate.run(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Output(exit, out.toString(StandardCharsets.UTF_8));
  }

  String ticketSalesTable() {
    return TargetTable.TICKET_SALES.tableName(prefix);
  }

  String configTable() {
    return TargetTable.CONFIG.tableName(prefix);
  }

  @Override
  public void close() throws Exception {
    source.close();
  }
}
