package dev.ticketmigration.benchmarks;

import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.GenerationResult;
import dev.ticketmigration.testdata.SourceSchema;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DMS_SAMPLE schema one benchmark size reads: {@code <prefix><tickets>} in the local
 * PostgreSQL, filled by the project's deterministic generator (same seed, same rows), reused when a
 * previous run left it complete, then vacuumed and analyzed so no contender pays for hint bits or
 * runs on stale statistics.
 */
final class SourceData {
  /** What a prepared schema holds. */
  record Prepared(
      String schema,
      long tickets,
      long historyRows,
      long minId,
      long maxId,
      double generateSeconds,
      boolean reused) {}

  private SourceData() {}

  static Connection connect(String url, String user) throws SQLException {
    return DriverManager.getConnection(url, user, System.getenv("SOURCE_PASSWORD"));
  }

  static Prepared prepare(
      String url,
      String user,
      String schema,
      long approxTickets,
      long seed,
      boolean regenerate,
      PrintStream log)
      throws SQLException {
    DataGenerator generator = DataGenerator.forTickets(approxTickets, seed);
    double generateSeconds = 0;
    boolean reused;
    try (Connection c =
        connect(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", user)) {
      long existing = regenerate ? -1 : ticketsIn(c, schema);
      if (existing == generator.ticketCount()) {
        log.printf("Reusing schema %s (%,d tickets, seed %d)%n", schema, existing, seed);
        reused = true;
      } else {
        log.printf(
            "Generating %,d tickets (seed %d) into schema %s ...%n",
            generator.ticketCount(), seed, schema);
        try (Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        SourceSchema.create(c, Dialect.POSTGRESQL, schema);
        GenerationResult result = generator.generate(c, Dialect.POSTGRESQL, schema);
        generateSeconds = result.elapsed().toMillis() / 1000.0;
        log.print(result.summary());
        reused = false;
      }
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        // hint bits and statistics: the first contender must not pay for the generator's writes
        st.execute("VACUUM ANALYZE " + schema + ".sporting_event_ticket");
        st.execute("VACUUM ANALYZE " + schema + ".ticket_purchase_hist");
        st.execute("VACUUM ANALYZE " + schema + ".sporting_event");
      }
      long tickets = single(c, "SELECT count(*) FROM " + schema + ".sporting_event_ticket");
      long history = single(c, "SELECT count(*) FROM " + schema + ".ticket_purchase_hist");
      long min =
          Math.min(
              single(c, "SELECT min(id) FROM " + schema + ".sporting_event_ticket"),
              single(
                  c,
                  "SELECT min(sporting_event_ticket_id) FROM " + schema + ".ticket_purchase_hist"));
      long max =
          Math.max(
              single(c, "SELECT max(id) FROM " + schema + ".sporting_event_ticket"),
              single(
                  c,
                  "SELECT max(sporting_event_ticket_id) FROM " + schema + ".ticket_purchase_hist"));
      return new Prepared(schema, tickets, history, min, max, generateSeconds, reused);
    }
  }

  /** Tickets in the schema, or -1 when it has no complete ticket table. */
  private static long ticketsIn(Connection c, String schema) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema
                    + "' AND table_name IN ('sporting_event_ticket', 'ticket_purchase_hist',"
                    + " 'sporting_event', 'person')")) {
      rs.next();
      if (rs.getInt(1) < 4) {
        return -1;
      }
    }
    return single(c, "SELECT count(*) FROM " + schema + ".sporting_event_ticket");
  }

  static void drop(String url, String user, String schema) throws SQLException {
    try (Connection c = connect(url, user);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String single(String url, String user, String sql) throws SQLException {
    try (Connection c = connect(url, user);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
