package dev.ticketmigration.benchmarks;

import dev.ticketmigration.pipelines.Migrate;
import dev.ticketmigration.pipelines.TicketSalesFromSource;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.reading.SourceRowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.KV;

/**
 * The plain parallel scan the pipeline's read is compared with: the pipeline's own two range
 * queries (same SQL text, same automatic id ranges, same fetch size, cursor streaming with
 * autocommit off), every range of both tables on one shared queue, {@code threads} threads each
 * with its own connection, each row mapped by the pipeline's SourceRowMapper (so the per-row
 * decoding work is the same and only Beam's machinery differs). It runs in a fresh JVM of its own,
 * like the pipeline, so neither starts with code the other has warmed up.
 *
 * <pre>
 * java -cp ticket-migration-benchmarks.jar dev.ticketmigration.benchmarks.JdbcScan \
 *   --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --schema bench_100000 \
 *   --minId 1 --maxId 97280 --threads 2 --fetchSize 10000
 * </pre>
 *
 * <p>Prints one line {@code RESULT {...}} with the rows, seconds and queries.
 */
public final class JdbcScan {
  private JdbcScan() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String url = args.string("url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = args.string("user", "postgres");
    String schema = args.string("schema", null);
    long minId = args.number("minId", 1);
    long maxId = args.number("maxId", 1);
    int threads = (int) args.number("threads", 2);
    int fetchSize = (int) args.number("fetchSize", 10_000);
    args.requireAllUsed();
    Outcome out = run(url, user, schema, minId, maxId, threads, fetchSize);
    System.out.println(
        String.format(
            java.util.Locale.ROOT,
            "RESULT {\"rows\":%d,\"seconds\":%.4f,\"queries\":%d}",
            out.rows(),
            out.seconds(),
            out.queries()));
  }

  record Outcome(long rows, double seconds, int queries) {}

  /** One range query: the table its rows are attributed to, the SQL with the two id bounds. */
  record RangeQuery(String table, String sql) {}

  static Outcome run(
      String url, String user, String schema, long minId, long maxId, int threads, int fetchSize)
      throws Exception {
    // the migration's own ranges (--readPartitions=0) and SQL, taken from its public API
    List<KV<Long, Long>> ranges = Migrate.idRanges(minId, maxId, 0);
    SourceDatabase source =
        SourceDatabase.of(JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", url))
            .withSchema(schema);
    RangeQuery tickets =
        new RangeQuery(
            SourceTable.SPORTING_EVENT_TICKET.tableName(),
            TicketSalesFromSource.ticketRead(source, ranges).rangeQuery());
    RangeQuery history =
        new RangeQuery(
            SourceTable.TICKET_PURCHASE_HIST.tableName(),
            TicketSalesFromSource.historyRead(source, ranges).rangeQuery());
    List<Object[]> tasks = new ArrayList<>();
    for (KV<Long, Long> r : ranges) {
      tasks.add(new Object[] {tickets, r});
      tasks.add(new Object[] {history, r});
    }
    Collections.shuffle(tasks, new java.util.Random(1));
    ConcurrentLinkedQueue<Object[]> queue = new ConcurrentLinkedQueue<>(tasks);
    AtomicLong rows = new AtomicLong();
    // timed from the first row to the last, as the pipeline's READ run times its read stage
    AtomicLong firstRow = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                try (Connection c = SourceData.connect(url, user)) {
                  c.setAutoCommit(false);
                  Object[] task;
                  while ((task = queue.poll()) != null && failure.get() == null) {
                    RangeQuery q = (RangeQuery) task[0];
                    @SuppressWarnings("unchecked")
                    KV<Long, Long> r = (KV<Long, Long>) task[1];
                    SourceRowMapper mapper = new SourceRowMapper(q.table());
                    long n = 0;
                    try (PreparedStatement st =
                        c.prepareStatement(
                            q.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                      st.setFetchSize(fetchSize);
                      st.setLong(1, r.getKey());
                      st.setLong(2, r.getValue());
                      try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                          if (n == 0) {
                            firstRow.compareAndSet(0, System.nanoTime());
                          }
                          if (mapper.mapRow(rs) != null) {
                            n++;
                          }
                        }
                      }
                    }
                    c.commit();
                    rows.addAndGet(n);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "jdbc-scan-" + i);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    long end = System.nanoTime();
    double seconds = (end - (firstRow.get() == 0 ? start : firstRow.get())) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("scan failed: " + failure.get(), failure.get());
    }
    return new Outcome(rows.get(), seconds, tasks.size());
  }
}
