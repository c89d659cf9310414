package dev.ticketmigration.pipelines.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL writes a commit to its log, where logical decoding can read it, a moment before the
 * transaction becomes visible to new snapshots. A rebuild reading in that moment would miss the
 * change it was sent for and write an item older than the source with a position that claims
 * otherwise. So the rebuild's repeatable-read transaction first looks at its own snapshot and,
 * while a batch's transaction is not in it, starts again.
 */
final class Visibility {
  private static final Logger LOG = LoggerFactory.getLogger(Visibility.class);

  /** How long a batch waits for its transactions before the sync stops (none ever waited long). */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final long LOW_32 = 0xFFFFFFFFL;

  private Visibility() {}

  /**
   * A snapshot as {@code txid_current_snapshot()} writes it ({@code xmin:xmax:xip,...}): 64-bit
   * ids, epoch included.
   */
  record Snapshot(long xmin, long xmax, Set<Long> inProgress) {
    static Snapshot parse(String text) {
      String[] parts = text.split(":", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("not a transaction snapshot: " + text);
      }
      Set<Long> inProgress = new HashSet<>();
      if (!parts[2].isEmpty()) {
        for (String xid : parts[2].split(",")) {
          inProgress.add(Long.parseLong(xid));
        }
      }
      return new Snapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), inProgress);
    }

    /**
     * Whether the transaction with pgoutput's 32-bit id is visible. Its full id is the one nearest
     * the snapshot's xmax (a transaction just committed is within 2^31 of it, either side); xmax is
     * one past the last completed transaction, so an id at or above it is not visible yet.
     */
    boolean sees(long xid32) {
      int delta = (int) ((xid32 - xmax) & LOW_32);
      long full = xmax + delta;
      return full < xmin || (full < xmax && !inProgress.contains(full));
    }
  }

  /**
   * Returns once the snapshot of {@code connection}'s open transaction (repeatable read,
   * auto-commit off, nothing read yet) sees every one of {@code transactions}; until then rolls
   * back and starts again. Returns the number of fresh starts.
   *
   * @throws SyncException when a transaction stays invisible for {@code timeout}
   */
  static int await(Connection connection, Set<Long> transactions, Duration timeout)
      throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int retries = 0; ; retries++) {
      Snapshot snapshot;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT txid_current_snapshot()::text")) {
        rs.next();
        snapshot = Snapshot.parse(rs.getString(1));
      }
      Long missing = transactions.stream().filter(x -> !snapshot.sees(x)).findFirst().orElse(null);
      if (missing == null) {
        if (retries > 0) {
          LOG.debug("Batch transactions visible after {} fresh snapshots", retries);
        }
        return retries;
      }
      connection.rollback();
      if (System.nanoTime() > deadline) {
        throw new SyncException(
            "transaction "
                + missing
                + " is committed in the change log but has not become visible at the source in "
                + timeout.toSeconds()
                + " s: the source is overloaded or stuck; restart the sync when it recovers");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException("interrupted while waiting for a transaction to be visible", e);
      }
    }
  }
}
