package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on a MySQL binary log (Debezium's MySQL connector; the server is a private MariaDB
 * writing a ROW binary log, see {@link PrivateMariaDb}): the start taken before a copy, every
 * change after it as its dirty key with whole before images, positions that rise, the caught-up
 * marker on a quiet log, a restart that resumes, and the refusals.
 */
class BinlogReaderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final PrivateMariaDbExtension SERVER = new PrivateMariaDbExtension();

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

  @Test
  void everyChangeAfterThePreparedStartComesOnceInOrderAndAMarkerIsReachedOnAQuietLog()
      throws Exception {
    List<Long> unsold = source.tickets(false, 2);
    List<Long> sold = source.tickets(true, 1);
    long person = source.maxPerson();
    List<String> expected = new ArrayList<>();
    BigInteger start;
    try (ChangeLogReader copy = source.reader(offsets).build()) {
      start = copy.prepare();
    }
    assertTrue(Files.exists(offsets.resolve(source.slot() + ".offsets")), "start stored");
    // committed after the start was taken and before any reader runs: a copy could miss them
    Instant before = Instant.now().minusSeconds(2);
    expected.addAll(source.purchase(unsold.get(0), 1));
    expected.addAll(source.transfer(sold.get(0), person));
    expected.addAll(source.addPerson(person + 1));
    List<String> renamed = source.renameTeam();
    expected.addAll(renamed);
    expected.addAll(source.deleteTicket(unsold.get(1)));
    Instant after = Instant.now().plusSeconds(2);

    List<ChangeBatch> batches = new ArrayList<>();
    try (ChangeLogReader reader =
        source.reader(offsets).heartbeatInterval(Duration.ofMillis(300)).build()) {
      reader.start();
      List<DirtyKey> seen = collect(reader, expected.size(), batches);
      assertEquals(expected, seen.stream().map(TestSource::describe).toList());
      for (DirtyKey key : seen) {
        assertTrue(
            key.commitTime().isAfter(before) && key.commitTime().isBefore(after),
            () -> "commit time outside the workload: " + key);
      }
      DirtyKey team = seen.get(expected.indexOf(renamed.get(0)));
      assertTrue(
          team.before() != null && team.before().containsKey("name"),
          () -> "the team's whole before image: " + team.before());
      BigInteger last = start;
      for (ChangeBatch batch : batches) {
        assertTrue(batch.transactions().isEmpty(), "no visibility check on MySQL");
        assertTrue(batch.position().compareTo(last) >= 0, "positions rise: " + batches);
        last = batch.position();
      }
      assertTrue(last.compareTo(start) > 0, "the position moved past the start");
      assertTrue(
          reader.formatPosition(last).matches("binlog \\d{6}:\\d+"), reader.formatPosition(last));

      // nothing changes after the marker: the reader must still see it come through
      String marker = reader.emitMarker();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!reader.reachedMarker(marker)) {
        assertTrue(System.nanoTime() < deadline, "marker not reached on a quiet log");
        ChangeBatch batch = reader.poll(Duration.ofMillis(200));
        if (batch != null) {
          reader.confirm(batch);
        }
      }
    }

    // a second run resumes after what the first confirmed
    List<String> more = source.addPerson(person + 2);
    try (ChangeLogReader reader =
        source.reader(offsets).heartbeatInterval(Duration.ofMillis(300)).build()) {
      reader.start();
      List<DirtyKey> seen = collect(reader, more.size(), new ArrayList<>());
      assertEquals(more, seen.stream().map(TestSource::describe).toList());
      assertTrue(reader.confirmedPosition().compareTo(start) > 0, "confirmed moved on");
    }
  }

  @Test
  void refusesALogItCannotFollowAndAPositionARunningReaderHolds() throws Exception {
    // the machine's own MariaDB writes no binary log
    ChangeLogException noLog =
        assertThrows(
            ChangeLogException.class,
            () ->
                ChangeLogReader.builder()
                    .jdbcUrl("jdbc:mariadb://127.0.0.1:3306/test")
                    .user("root")
                    .offsetDirectory(offsets.resolve("machine"))
                    .build()
                    .check());
    assertTrue(noLog.getMessage().contains("log_bin"), noLog.getMessage());

    try (Statement statement = source.connection.createStatement()) {
      statement.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
      try {
        ChangeLogException minimal =
            assertThrows(ChangeLogException.class, () -> source.reader(offsets).build().check());
        assertTrue(
            minimal.getMessage().contains("binlog_row_image=MINIMAL")
                && minimal.getMessage().contains("binlog_row_image=FULL"),
            minimal.getMessage());
      } finally {
        statement.execute("SET GLOBAL binlog_row_image = 'FULL'");
      }
    }

    ChangeLogException wrongSchema =
        assertThrows(
            ChangeLogException.class, () -> source.reader(offsets).schema("mysql").build().check());
    assertTrue(wrongSchema.getMessage().contains("lacks the DMS_SAMPLE table"));

    try (ChangeLogReader running = source.reader(offsets).build()) {
      running.start();
      try (ChangeLogReader second = source.reader(offsets).build();
          ChangeLogReader copy = source.reader(offsets).build()) {
        ChangeLogException asReader = assertThrows(ChangeLogException.class, second::start);
        assertTrue(
            asReader.getMessage().contains("in use by a running reader"), asReader.getMessage());
        ChangeLogException asCopy = assertThrows(ChangeLogException.class, copy::prepare);
        assertTrue(asCopy.getMessage().contains("in use by a running reader"), asCopy.getMessage());
      }
    }
    // once it stopped, the position is free again
    try (ChangeLogReader copy = source.reader(offsets).build()) {
      copy.prepare();
    }
  }

  private static List<DirtyKey> collect(
      ChangeLogReader reader, int count, List<ChangeBatch> batches) throws Exception {
    List<DirtyKey> keys = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (keys.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + WAIT + " only these dirty keys came: " + keys);
      }
      ChangeBatch batch = reader.poll(Duration.ofMillis(500));
      if (batch != null) {
        keys.addAll(batch.keys());
        batches.add(batch);
        reader.confirm(batch);
      }
    }
    return keys;
  }
}
