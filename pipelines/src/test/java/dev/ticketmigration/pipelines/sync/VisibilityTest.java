package dev.ticketmigration.pipelines.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's wait for a batch's transactions to be visible: the snapshot arithmetic (epochs,
 * in-progress lists), and the wait itself against the machine's PostgreSQL with a transaction held
 * open, which is what a committed-but-not-yet-visible one looks like to a snapshot.
 */
class VisibilityTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @Test
  void snapshotsSeeCommittedIdsAcrossEpochs() {
    Visibility.Snapshot s = Visibility.Snapshot.parse("100:110:102,105");
    assertTrue(s.sees(99));
    assertTrue(s.sees(103));
    assertFalse(s.sees(102), "in progress");
    assertFalse(s.sees(105), "in progress");
    assertTrue(s.sees(101));
    assertFalse(s.sees(110), "at xmax: not completed when the snapshot was taken");
    assertFalse(s.sees(125), "above xmax");

    long epoch = 3L << 32;
    Visibility.Snapshot wrapped =
        Visibility.Snapshot.parse((epoch + 5) + ":" + (epoch + 9) + ":" + (epoch + 7));
    assertTrue(wrapped.sees(0xFFFFFFF0L), "the previous epoch's id, long committed");
    assertTrue(wrapped.sees(6));
    assertFalse(wrapped.sees(7), "in progress in this epoch");
    assertEquals(Set.of(), Visibility.Snapshot.parse("7:7:").inProgress());
  }

  @Test
  void theRebuildWaitsUntilTheTransactionIsVisible() throws Exception {
    try (Connection writer = DriverManager.getConnection(URL, "postgres", "");
        Connection reader = DriverManager.getConnection(URL, "postgres", "")) {
      writer.setAutoCommit(false);
      long full;
      try (Statement s = writer.createStatement();
          ResultSet rs = s.executeQuery("SELECT txid_current()")) {
        rs.next();
        full = rs.getLong(1);
      }
      long xid = full & 0xFFFFFFFFL; // as pgoutput sends it
      reader.setAutoCommit(false);
      reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);

      SyncException stuck =
          assertThrows(
              SyncException.class,
              () -> Visibility.await(reader, Set.of(xid), Duration.ofMillis(300)));
      assertTrue(stuck.getMessage().startsWith("transaction " + xid + " is committed"));

      CompletableFuture<Void> commit =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(300);
                  writer.commit();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      int fresh = Visibility.await(reader, Set.of(xid), Duration.ofSeconds(10));
      commit.get(10, TimeUnit.SECONDS);
      assertTrue(fresh > 0, "it waited for the commit");
      // the snapshot the rebuild then reads with holds the transaction
      try (Statement s = reader.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT txid_visible_in_snapshot(" + full + ", txid_current_snapshot())")) {
        rs.next();
        assertTrue(rs.getBoolean(1));
      }
      reader.rollback();
    }
  }
}
