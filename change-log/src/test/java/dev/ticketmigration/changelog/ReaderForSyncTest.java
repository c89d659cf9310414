package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.SourceTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sync needs of the reader beyond the keys: batch positions, before images, the caught-up
 * marker, and the slot made before a copy. Against a private PostgreSQL with a logical change log.
 */
class ReaderForSyncTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final PrivatePostgresExtension SERVER = new PrivatePostgresExtension();

  private TestSource source;
  @TempDir Path offsets;

  @BeforeEach
  void createSource() throws Exception {
    source = TestSource.create(SERVER.get());
  }

  @AfterEach
  void dropSource() throws Exception {
    source.close();
  }

  /** One committed transaction: its tickets and bounds of its commit LSN. */
  private record Txn(List<Long> tickets, long insertLsnBeforeCommit, long insertLsnAfterCommit) {}

  @Test
  void positionsRiseInDeliveryOrderAndCoverEveryTransactionDeliveredBefore() throws Exception {
    List<Long> tickets = source.tickets(false, 11);
    List<Txn> txns = new ArrayList<>();
    List<ChangeBatch> batches = new ArrayList<>();
    try (ChangeLogReader reader =
            source.reader(offsets).maxBatchSize(2).maxBatchesInFlight(64).build();
        Connection other = SERVER.get().connect()) {
      reader.start();
      long start = source.confirmedFlushLsn();
      // the design's interleaving: T2 changes a ticket first, T1 changes two and commits, then T2
      // commits; T2's change has the lower change LSN but is delivered after T1's
      other.setAutoCommit(false);
      sell(other, tickets.get(0));
      source.connection.setAutoCommit(false);
      sell(source.connection, tickets.get(1));
      sell(source.connection, tickets.get(2));
      txns.add(commit(source.connection, List.of(tickets.get(1), tickets.get(2))));
      txns.add(commit(other, List.of(tickets.get(0))));
      for (int i = 3; i + 1 < tickets.size(); i += 2) {
        sell(source.connection, tickets.get(i));
        sell(source.connection, tickets.get(i + 1));
        txns.add(commit(source.connection, List.of(tickets.get(i), tickets.get(i + 1))));
      }
      source.connection.setAutoCommit(true);

      Map<Long, Integer> batchOfTicket = new HashMap<>();
      Map<Long, DirtyKey> keyOfTicket = new HashMap<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (batchOfTicket.size() < tickets.size() && System.nanoTime() < deadline) {
        ChangeBatch batch = reader.poll(Duration.ofMillis(500));
        if (batch != null) {
          for (DirtyKey key : batch.keys()) {
            batchOfTicket.putIfAbsent(key.ticketId(), batches.size());
            keyOfTicket.putIfAbsent(key.ticketId(), key);
          }
          batches.add(batch);
          reader.confirm(batch);
          // the rebuild checks these are visible before it reads
          assertFalse(batch.transactions().isEmpty(), "no transaction ids: " + batch);
        }
      }
      assertEquals(tickets.size(), batchOfTicket.size(), "keys delivered: " + batchOfTicket);

      assertTrue(
          keyOfTicket.get(tickets.get(0)).lsn() < keyOfTicket.get(tickets.get(1)).lsn()
              && batchOfTicket.get(tickets.get(0)) >= batchOfTicket.get(tickets.get(1)),
          "T2's change comes after T1's with a lower change LSN");
      assertTrue(
          batches.get(0).position().longValue() >= start, "below the slot's position at start");
      for (int i = 0; i < batches.size(); i++) {
        ChangeBatch batch = batches.get(i);
        if (i > 0) {
          assertTrue(
              batch.position().longValue() >= batches.get(i - 1).position().longValue(),
              "positions fell at batch " + i + ": " + positions(batches));
        }
        assertEquals(
            batch.keys().stream().map(DirtyKey::commitTime).max(Instant::compareTo).orElseThrow(),
            batch.lastCommitTime());
        for (Txn txn : txns) {
          int first = txn.tickets().stream().mapToInt(batchOfTicket::get).min().orElseThrow();
          int last = txn.tickets().stream().mapToInt(batchOfTicket::get).max().orElseThrow();
          if (last < i) {
            // all its changes came before: the position covers its commit
            assertTrue(
                batch.position().longValue() > txn.insertLsnBeforeCommit(),
                "batch " + i + " at " + positions(batches) + " misses " + txn);
          }
          if (first > i) {
            // delivered later: the position must not claim it (its commit LSN is at most the
            // insert position read after the commit)
            assertTrue(
                batch.position().longValue() < txn.insertLsnAfterCommit(),
                "batch " + i + " at " + positions(batches) + " claims " + txn);
          }
        }
      }
    }
  }

  @Test
  void beforeImagesCarryTheOldColumnsOfTheTablesWhoseItemsMove() throws Exception {
    String schema = source.schema;
    ChangeLogReader.Builder builder = source.reader(offsets);
    try (ChangeLogReader reader = builder.build();
        Statement statement = source.connection.createStatement()) {
      List<String> all = List.of("sport_league", "sport_team", "player", "sporting_event");
      assertEquals(all, reader.tablesWithoutFullReplicaIdentity());
      assertEquals(
          "the change log carries no before image of sport_team, player (their items move when a"
              + " non-key column changes): run ALTER TABLE "
              + schema
              + ".sport_team REPLICA IDENTITY FULL; ALTER TABLE "
              + schema
              + ".player REPLICA IDENTITY FULL;",
          reader.fullImageAdvice(List.of("sport_team", "player")));
      statement.execute("ALTER TABLE " + schema + ".sport_team REPLICA IDENTITY FULL");
      statement.execute("ALTER TABLE " + schema + ".sporting_event REPLICA IDENTITY FULL");
      assertEquals(List.of("sport_league", "player"), reader.tablesWithoutFullReplicaIdentity());

      long team = first("SELECT min(id) FROM " + source.table(SourceTable.SPORT_TEAM));
      String teamName = text("SELECT name FROM " + schema + ".sport_team WHERE id = " + team);
      long event = first("SELECT min(id) FROM " + source.table(SourceTable.SPORTING_EVENT));
      LocalDateTime eventStart;
      LocalDate eventDate;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT start_date_time, start_date FROM "
                  + schema
                  + ".sporting_event WHERE id = "
                  + event)) {
        rs.next();
        eventStart = rs.getObject(1, LocalDateTime.class);
        eventDate = rs.getObject(2, LocalDate.class);
      }
      long player = first("SELECT max(id) FROM " + source.table(SourceTable.PLAYER));
      long otherPlayer = first("SELECT min(id) FROM " + source.table(SourceTable.PLAYER));

      reader.start();
      statement.execute(
          "UPDATE " + schema + ".sport_team SET name = name || ' II' WHERE id = " + team);
      statement.execute(
          "UPDATE "
              + schema
              + ".sporting_event SET start_date_time = start_date_time + interval '1 day',"
              + " start_date = start_date + 1 WHERE id = "
              + event);
      statement.execute("DELETE FROM " + schema + ".player WHERE id = " + player);
      statement.execute(
          "UPDATE " + schema + ".player SET last_name = 'Moved' WHERE id = " + otherPlayer);
      source.renameTeam(); // a second change of the team, for a before image that moved on
      statement.execute(
          "UPDATE "
              + schema
              + ".person SET last_name = 'Renamed' WHERE id = "
              + source.maxPerson());

      List<DirtyKey> keys = ChangeLogReaderTest.collect(reader, k -> k.size() >= 6, true);

      Map<String, Object> teamBefore = keys.get(0).before();
      assertEquals(SourceTable.SPORT_TEAM, keys.get(0).table());
      assertEquals(teamName, teamBefore.get("name"));
      assertEquals((int) team, teamBefore.get("id"), "INTEGER as Kafka Connect gives it");
      assertTrue(teamBefore.containsKey("sport_type_name"), teamBefore::toString);
      assertTrue(teamBefore.containsKey("sport_league_short_name"), teamBefore::toString);
      assertEquals(teamName + " II", keys.get(4).before().get("name"));

      Map<String, Object> eventBefore = keys.get(1).before();
      assertEquals(eventStart, eventBefore.get("start_date_time"));
      assertEquals(eventDate, eventBefore.get("start_date"));
      assertEquals(event, eventBefore.get("id"), "BIGINT as a Long");

      // default replica identity: a DELETE carries the key only, an UPDATE nothing
      assertEquals(Map.of("id", (int) player), keys.get(2).before());
      assertEquals(DirtyKey.Operation.UPDATE, keys.get(3).operation());
      assertNull(keys.get(3).before());
      // not a table whose items move
      assertEquals(SourceTable.PERSON, keys.get(5).table());
      assertNull(keys.get(5).before());
    }
  }

  @Test
  void theMarkerComesAfterEveryTransactionCommittedBeforeItAndWaitsForTheirConfirmation()
      throws Exception {
    List<Long> tickets = source.tickets(false, 30);
    Map<Long, Long> committedAt = new ConcurrentHashMap<>();
    Set<Long> delivered = new HashSet<>();
    try (ChangeLogReader reader =
            source.reader(offsets).maxBatchSize(2).maxBatchesInFlight(64).build();
        Connection other = SERVER.get().connect()) {
      reader.start();
      for (long ticket : tickets.subList(0, 5)) {
        sell(source.connection, ticket);
        committedAt.put(ticket, System.nanoTime());
      }
      // sales go on from another connection while the marker is written
      Thread workload =
          new Thread(
              () -> {
                try {
                  for (long ticket : tickets.subList(5, tickets.size())) {
                    sell(other, ticket);
                    committedAt.put(ticket, System.nanoTime());
                    Thread.sleep(15);
                  }
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      workload.start();
      Thread.sleep(100);
      long emittedAt = System.nanoTime();
      String token = reader.emitMarker();

      ChangeBatch held = null;
      long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < until) {
        ChangeBatch batch = reader.poll(Duration.ofMillis(100));
        if (batch != null) {
          batch.keys().forEach(key -> delivered.add(key.ticketId()));
          if (held == null) {
            held = batch; // not confirmed: the marker cannot be reached behind it
          } else {
            reader.confirm(batch);
          }
        }
      }
      assertTrue(held != null, "no batch");
      assertFalse(reader.reachedMarker(token), "reached while an earlier batch is unconfirmed");

      reader.confirm(held);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!reader.reachedMarker(token) && System.nanoTime() < deadline) {
        ChangeBatch batch = reader.poll(Duration.ofMillis(100));
        if (batch != null) {
          batch.keys().forEach(key -> delivered.add(key.ticketId()));
          reader.confirm(batch);
        }
      }
      assertTrue(reader.reachedMarker(token), "the marker never came");
      workload.join();

      Set<Long> before = new HashSet<>();
      committedAt.forEach(
          (ticket, at) -> {
            if (at < emittedAt) {
              before.add(ticket);
            }
          });
      assertTrue(before.size() > 5, "sales in flight when the marker was written: " + before);
      before.removeAll(delivered);
      assertEquals(Set.of(), before, "committed before the marker, not delivered before it");
      assertFalse(reader.reachedMarker("no-such-token"));
    }
  }

  @Test
  void prepareMakesTheSlotForACopyAndAReaderStartedLaterDeliversWhatCameAfter() throws Exception {
    try (Statement statement = source.connection.createStatement()) {
      // an existing, narrower publication is widened before the slot is made
      statement.execute(
          "CREATE PUBLICATION "
              + source.publication()
              + " FOR TABLE "
              + source.table(SourceTable.PERSON));
    }
    ChangeLogReader copy = source.reader(offsets.resolve("copy")).build();

    long position = copy.prepare().longValue();

    assertEquals(source.confirmedFlushLsn(), position);
    assertEquals(position, copy.confirmedPosition().longValue());
    assertEquals(position, copy.prepare().longValue(), "prepared again: nothing moves");
    assertEquals(
        text(slotColumn("confirmed_flush_lsn::text")), ChangeLogReader.formatLsn(position));
    assertEquals("false", text(slotColumn("active::text")), "nothing streams from the slot");
    assertEquals(
        SourceTable.values().length,
        first(
            "SELECT count(*) FROM pg_publication_tables WHERE pubname = '"
                + source.publication()
                + "'"));

    long ticket = source.tickets(false, 1).get(0);
    List<String> expected = source.purchase(ticket, 3); // after prepare, before any reader
    try (ChangeLogReader reader = source.reader(offsets.resolve("sync")).build()) {
      reader.start();
      ChangeLogException busy =
          assertThrows(
              ChangeLogException.class,
              source
                      .reader(offsets.resolve("other"))
                      .slotWaitTimeout(Duration.ofMillis(200))
                      .build()
                  ::prepare);
      assertTrue(
          busy.getMessage()
              .startsWith("replication slot '" + source.slot() + "' is in use by another consumer"),
          busy.getMessage());

      List<ChangeBatch> batches = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.size() < expected.size() && System.nanoTime() < deadline) {
        ChangeBatch batch = reader.poll(Duration.ofMillis(500));
        if (batch != null) {
          batches.add(batch);
          batch.keys().forEach(key -> seen.add(TestSource.describe(key)));
          reader.confirm(batch);
        }
      }
      assertEquals(expected, seen);
      assertTrue(
          batches.get(0).position().longValue() >= position, "a batch below the copy's position");
    }
  }

  @Test
  void prepareWaitsForTheOpenTransactionsOnlyUpToTheStartTimeout() throws Exception {
    try (Connection open = SERVER.get().connect()) {
      open.setAutoCommit(false);
      try (Statement statement = open.createStatement()) {
        statement.execute("SELECT pg_current_xact_id()"); // a transaction with an id stays open
      }
      ChangeLogReader copy = source.reader(offsets).startTimeout(Duration.ofSeconds(1)).build();

      ChangeLogException e = assertThrows(ChangeLogException.class, copy::prepare);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "making replication slot '"
                      + source.slot()
                      + "' waited 1 s for the transactions open on the source to end"),
          e.getMessage());
      assertEquals(-1, source.confirmedFlushLsn(), "a slot was left behind");
      open.rollback();
    }
  }

  @Test
  void logPositionsAreWrittenAsPostgresqlDoes() {
    assertEquals("0/3A1F2C8", ChangeLogReader.formatLsn(0x3A1F2C8L));
    assertEquals("1/10", ChangeLogReader.formatLsn((1L << 32) | 0x10));
    assertEquals("FFFFFFFF/FFFFFFFF", ChangeLogReader.formatLsn(-1L));
    assertEquals(-1L, PostgresSlot.parseLsn("FFFFFFFF/FFFFFFFF"));
    assertEquals(0x16B3748L, PostgresSlot.parseLsn("0/16B3748"));
  }

  /** Sets an unsold ticket's holder (one dirty key: the ticket's UPDATE). */
  private void sell(Connection connection, long ticket) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE "
                + source.table(SourceTable.SPORTING_EVENT_TICKET)
                + " SET ticketholder_id = (SELECT min(id) FROM "
                + source.table(SourceTable.PERSON)
                + ") WHERE id = ? AND ticketholder_id IS NULL")) {
      statement.setLong(1, ticket);
      assertEquals(1, statement.executeUpdate(), "ticket " + ticket + " was sold already");
    }
  }

  private static Txn commit(Connection connection, List<Long> tickets) throws SQLException {
    long before = insertLsn(connection);
    connection.commit();
    return new Txn(tickets, before, insertLsn(connection));
  }

  private static long insertLsn(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return PostgresSlot.parseLsn(rs.getString(1));
    }
  }

  private static List<String> positions(List<ChangeBatch> batches) {
    return batches.stream().map(b -> PostgresSlot.formatLsn(b.position().longValue())).toList();
  }

  private String slotColumn(String column) {
    return "SELECT "
        + column
        + " FROM pg_replication_slots WHERE slot_name = '"
        + source.slot()
        + "'";
  }

  private long first(String sql) throws SQLException {
    return Long.parseLong(text(sql));
  }

  private String text(String sql) throws SQLException {
    try (Statement statement = source.connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
