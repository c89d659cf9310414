package dev.ticketmigration.benchmarks;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.schemas.TargetTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A fresh dynalite for one contender (the project's launcher, on a free loopback port), with the
 * pid of its Node.js process so its CPU can be sampled. In memory, or on LevelDB in a temporary
 * folder removed at {@link #close} ({@code --targetStore}; by default above {@link
 * #IN_MEMORY_TICKETS}): at 5 M tickets an in-memory dynalite grew to 14 GB resident and slowed to
 * ~100 items/s (docs/benchmarks.md).
 */
final class LocalDynamo implements AutoCloseable {
  /** The largest run whose target is kept in memory by default ({@code --targetStore=auto}). */
  static final long IN_MEMORY_TICKETS = 1_500_000;

  private final Dynalite dynalite;
  private final long pid;
  private final Path dataDir;

  private LocalDynamo(Dynalite dynalite, long pid, Path dataDir) {
    this.dynalite = dynalite;
    this.pid = pid;
    this.dataDir = dataDir;
  }

  static LocalDynamo start() {
    return start(false);
  }

  /** Its tables in memory, or on disk in a temporary folder. */
  static LocalDynamo start(boolean onDisk) {
    Path dataDir = null;
    if (onDisk) {
      try {
        dataDir = Files.createTempDirectory("bench-dynalite-");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    Dynalite dynalite = dataDir == null ? Dynalite.start() : Dynalite.start(dataDir);
    String port = Integer.toString(dynalite.port());
    long pid =
        ProcessHandle.current()
            .children()
            .filter(p -> isDynaliteOn(p, port))
            .mapToLong(ProcessHandle::pid)
            .findFirst()
            .orElse(-1);
    return new LocalDynamo(dynalite, pid, dataDir);
  }

  private static boolean isDynaliteOn(ProcessHandle p, String port) {
    try {
      String cmd =
          Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
      return cmd.contains("dynalite") && cmd.contains(" --port " + port + " ");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  String endpoint() {
    return dynalite.endpoint();
  }

  /** The Node.js process id, or -1 when it could not be found. */
  long pid() {
    return pid;
  }

  /** A synchronous client on Apache HTTP (the transport Beam's DynamoDBIO uses). */
  static DynamoDbClient client(String endpoint, int maxConnections) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(Math.max(maxConnections, 2))
                .socketTimeout(Duration.ofMinutes(2)))
        .build();
  }

  /** Creates {@code <prefix>ticket_sales} with the SPEC's keys and GSIs unless it exists. */
  static void createTicketSales(DynamoDbClient client, String prefix) {
    String name = TargetTable.TICKET_SALES.tableName(prefix);
    try {
      client.describeTable(b -> b.tableName(name));
    } catch (ResourceNotFoundException e) {
      client.createTable(TargetTable.TICKET_SALES.createTableRequest(prefix));
      client.waiter().waitUntilTableExists(b -> b.tableName(name));
    }
  }

  /** Counts a table's items with a parallel COUNT scan (slow on big tables: optional). */
  static long count(String endpoint, String table, int segments) {
    try (DynamoDbClient client = client(endpoint, segments)) {
      return java.util.stream.IntStream.range(0, segments)
          .parallel()
          .mapToLong(
              segment -> {
                long n = 0;
                java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>
                    start = null;
                do {
                  ScanRequest.Builder request =
                      ScanRequest.builder()
                          .tableName(table)
                          .select(Select.COUNT)
                          .segment(segment)
                          .totalSegments(segments);
                  if (start != null) {
                    request.exclusiveStartKey(start);
                  }
                  var response = client.scan(request.build());
                  n += response.count();
                  start =
                      response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                          ? response.lastEvaluatedKey()
                          : null;
                } while (start != null);
                return n;
              })
          .sum();
    }
  }

  @Override
  public void close() {
    dynalite.close();
    if (dataDir != null) {
      try (java.util.stream.Stream<Path> paths = Files.walk(dataDir)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (java.io.IOException e) {
        System.err.println("could not remove " + dataDir + ": " + e.getMessage());
      }
    }
  }
}
