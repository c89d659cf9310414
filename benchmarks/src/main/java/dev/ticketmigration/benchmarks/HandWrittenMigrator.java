package dev.ticketmigration.benchmarks;

import dev.ticketmigration.schemas.TargetTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The straightforward migration a developer would write without Beam, for the benchmark to race the
 * pipeline: one process, one streaming JDBC query (tickets LEFT JOIN events LEFT JOIN history ORDER
 * BY ticket id), consecutive rows grouped in Java and built into items with the project's own
 * TicketItemBuilder, 25-item BatchWriteItem calls from a small thread pool with UnprocessedItems
 * retried. Reading and building run on the main thread while the pool writes.
 *
 * <pre>
 * java -cp ticket-migration-benchmarks.jar dev.ticketmigration.benchmarks.HandWrittenMigrator \
 *   --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --schema bench_100000 \
 *   --endpoint http://127.0.0.1:8000 [--tablePrefix P] [--threads 4] [--fetchSize 10000]
 * </pre>
 *
 * <p>Prints one line {@code RESULT {...}} with its counts and seconds.
 */
public final class HandWrittenMigrator {
  private HandWrittenMigrator() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String url = args.string("url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = args.string("user", "postgres");
    String schema = args.string("schema", null);
    String endpoint = args.string("endpoint", null);
    String prefix = args.string("tablePrefix", "");
    int threads = (int) args.number("threads", 4);
    int fetchSize = (int) args.number("fetchSize", 10_000);
    args.requireAllUsed();
    if (endpoint == null) {
      throw new IllegalArgumentException("--endpoint is required");
    }
    long start = System.nanoTime();
    String table = TargetTable.TICKET_SALES.tableName(prefix);
    TicketJoin.Stats stats;
    long requests;
    long resent;
    try (DynamoDbClient client = LocalDynamo.client(endpoint, threads + 1)) {
      LocalDynamo.createTicketSales(client, prefix);
      String password = System.getenv("SOURCE_PASSWORD");
      try (Connection c = DriverManager.getConnection(url, user, password);
          BatchWriter writer = new BatchWriter(client, table, threads)) {
        stats = TicketJoin.run(c, schema, fetchSize, writer::put);
        writer.close();
        requests = writer.requests();
        resent = writer.unprocessedResent();
        if (writer.items() != stats.items()) {
          throw new IllegalStateException(
              "built " + stats.items() + " items but wrote " + writer.items());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT {\"rows\":%d,\"tickets\":%d,\"history_rows\":%d,\"items\":%d,"
                + "\"rejected_tickets\":%d,\"requests\":%d,\"unprocessed_resent\":%d,"
                + "\"threads\":%d,\"seconds\":%.3f}",
            stats.rows(),
            stats.tickets(),
            stats.historyRows(),
            stats.items(),
            stats.rejectedTickets(),
            requests,
            resent,
            threads,
            seconds));
  }
}
