package dev.ticketmigration.changelog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticketing site's writes, from several connections at once, by the SPEC's rules: a sale sets an
 * unsold ticket's holder and adds its purchase row in one transaction; a transfer moves a sold
 * ticket to another person with a row naming the previous holder. Now and then it adds a person,
 * renames a team (its events' names change) or deletes a ticket with its history. Runs until {@link
 * #stop}; counts what it committed.
 */
public final class TicketWorkload implements AutoCloseable {
  private final String url;
  private final String user;
  private final String schema;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong nextPerson = new AtomicLong();
  private final List<Throwable> failures = new ArrayList<>();

  /** Transactions per second per connection at most (0: as fast as it can). */
  private final int ratePerConnection;

  /**
   * A workload on {@code schema} of the PostgreSQL at {@code url} (user postgres, no password), at
   * most {@code ratePerConnection} transactions per second per connection (0: as fast as it can).
   */
  public TicketWorkload(String url, String schema, int ratePerConnection) {
    this(url, "postgres", schema, ratePerConnection);
  }

  /**
   * A workload on {@code schema} (MySQL: database) of the source at {@code url}, as {@code user}
   * without a password.
   */
  public TicketWorkload(String url, String user, String schema, int ratePerConnection) {
    this.url = url;
    this.user = user;
    this.schema = schema;
    this.ratePerConnection = ratePerConnection;
  }

  /** Starts {@code connections} writers. */
  public TicketWorkload start(int connections) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      nextPerson.set(longValue(c, "SELECT max(id) FROM " + schema + ".person") + 1_000_000);
    }
    for (int i = 0; i < connections; i++) {
      int worker = i;
      Thread thread = new Thread(() -> work(worker, connections), "workload-" + i);
      thread.start();
      threads.add(thread);
    }
    return this;
  }

  /** Transactions committed so far. */
  public long committed() {
    return committed.get();
  }

  /** Stops the writers and rethrows the first failure. */
  public void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw new AssertionError("the workload failed", failures.get(0));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void work(int worker, int workers) {
    Random random = new Random(worker);
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      List<Long> tickets = longs(c, "SELECT id FROM " + schema + ".sporting_event_ticket");
      List<Long> persons = longs(c, "SELECT id FROM " + schema + ".person ORDER BY id LIMIT 500");
      long n = 0;
      while (running.get()) {
        long started = System.nanoTime();
        // each writer owns the tickets of its share: the holder a transfer reads stays its own
        long ticket = tickets.get(random.nextInt(tickets.size()));
        if (ticket % workers != worker) {
          continue;
        }
        long person = persons.get(random.nextInt(persons.size()));
        n++;
        if (n % 97 == 0) {
          addPerson(c);
        } else if (n % 211 == 0 && worker == 0) {
          renameTeam(c, n);
        } else if (n % 149 == 0) {
          deleteTicket(c, ticket);
          tickets.remove(Long.valueOf(ticket));
        } else {
          sellOrTransfer(c, ticket, person);
        }
        committed.incrementAndGet();
        if (ratePerConnection > 0) {
          long left = 1_000_000_000L / ratePerConnection - (System.nanoTime() - started);
          if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
          }
        }
      }
    } catch (Exception e) {
      synchronized (failures) {
        failures.add(e);
      }
    }
  }

  private void sellOrTransfer(Connection c, long ticket, long person) throws SQLException {
    inTransaction(
        c,
        () -> {
          Long holder = null;
          BigDecimal price = null;
          boolean exists = false;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT ticketholder_id, ticket_price FROM "
                      + schema
                      + ".sporting_event_ticket WHERE id = ? FOR UPDATE")) {
            s.setLong(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                exists = true;
                long h = rs.getLong(1);
                holder = rs.wasNull() ? null : h;
                price = rs.getBigDecimal(2);
              }
            }
          }
          if (!exists || (holder != null && holder == person)) {
            return; // committed empty
          }
          update(
              c,
              "UPDATE " + schema + ".sporting_event_ticket SET ticketholder_id = ? WHERE id = ?",
              person,
              ticket);
          update(
              c,
              "INSERT INTO "
                  + schema
                  + ".ticket_purchase_hist (sporting_event_ticket_id, purchased_by_id,"
                  + " transaction_date_time, transferred_from_id, purchase_price)"
                  + " VALUES (?, ?, ?, ?, ?)",
              ticket,
              person,
              // after every generated sale, one second apart: a history key is never reused
              Timestamp.valueOf(
                  LocalDateTime.of(2031, 1, 1, 0, 0).plusSeconds(clock.incrementAndGet())),
              holder,
              price);
        });
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private static void inTransaction(Connection c, SqlWork work) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private void addPerson(Connection c) throws SQLException {
    update(
        c,
        "INSERT INTO "
            + schema
            + ".person (id, full_name, last_name, first_name) VALUES (?, 'Ada Lovelace',"
            + " 'Lovelace', 'Ada')",
        nextPerson.incrementAndGet());
  }

  private void renameTeam(Connection c, long n) throws SQLException {
    // MySQL refuses a subquery on the table an UPDATE changes
    long team = longValue(c, "SELECT min(id) FROM " + schema + ".sport_team");
    update(
        c, "UPDATE " + schema + ".sport_team SET name = ? WHERE id = ?", "Renamed Team " + n, team);
  }

  private void deleteTicket(Connection c, long ticket) throws SQLException {
    inTransaction(
        c,
        () -> {
          update(
              c,
              "DELETE FROM " + schema + ".ticket_purchase_hist WHERE sporting_event_ticket_id = ?",
              ticket);
          update(c, "DELETE FROM " + schema + ".sporting_event_ticket WHERE id = ?", ticket);
        });
  }

  private static void update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }

  private static List<Long> longs(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static long longValue(Connection c, String sql) throws SQLException {
    return longs(c, sql).get(0);
  }
}
