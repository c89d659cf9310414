package dev.ticketmigration.testdata;

import static dev.ticketmigration.schemas.SourceTable.PERSON;
import static dev.ticketmigration.schemas.SourceTable.SEAT;
import static dev.ticketmigration.schemas.SourceTable.SPORTING_EVENT;
import static dev.ticketmigration.schemas.SourceTable.SPORTING_EVENT_TICKET;
import static dev.ticketmigration.schemas.SourceTable.SPORT_LOCATION;
import static dev.ticketmigration.schemas.SourceTable.SPORT_TEAM;
import static dev.ticketmigration.schemas.SourceTable.TICKET_PURCHASE_HIST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SPEC §1's rules, checked on one small data set in H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedDataRulesTest {
  private final DataGenerator generator = TestData.small(7);
  private ScratchDatabase db;
  private GenerationResult result;

  @BeforeAll
  void load() throws SQLException {
    db = ScratchDatabase.open(Dialect.H2);
    result = db.load(generator);
  }

  @AfterAll
  void drop() throws SQLException {
    db.close();
  }

  @Test
  void countsMatchTheTablesAndThePlannedTickets() throws SQLException {
    for (SourceTable table : SourceTable.values()) {
      assertEquals(
          count("SELECT COUNT(*) FROM " + db.table(table)),
          result.rowCounts().get(table.tableName()),
          table.tableName());
    }
    assertEquals(generator.ticketCount(), result.tickets());
    assertEquals(generator.events(), result.rowCounts().get("sporting_event"));
    assertEquals(generator.persons(), result.rowCounts().get("person"));
    assertEquals(
        List.of(1L, generator.ticketCount()),
        longs("SELECT MIN(id), MAX(id) FROM " + db.table(SPORTING_EVENT_TICKET)));
  }

  @Test
  void everyEventHasOneTicketPerSeatOfItsHomeTeamsVenue() throws SQLException {
    String tickets = db.table(SPORTING_EVENT_TICKET);
    String events = db.table(SPORTING_EVENT);
    String teams = db.table(SPORT_TEAM);
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM (SELECT sporting_event_id, sport_location_id,"
                + " seat_level, seat_section, seat_row, seat FROM "
                + tickets
                + " GROUP BY"
                + " sporting_event_id, sport_location_id, seat_level, seat_section, seat_row, seat"
                + " HAVING COUNT(*) > 1) d"),
        "a seat sold twice for one event");
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM "
                + tickets
                + " t JOIN "
                + events
                + " e ON e.id = t.sporting_event_id WHERE t.sport_location_id <> e.location_id"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM "
                + events
                + " e WHERE (SELECT COUNT(*) FROM "
                + tickets
                + " t WHERE t.sporting_event_id = e.id) <> (SELECT COUNT(*) FROM "
                + db.table(SEAT)
                + " s WHERE s.sport_location_id = e.location_id)"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM "
                + db.table(SPORT_LOCATION)
                + " l WHERE"
                + " l.seating_capacity <> (SELECT COUNT(*) FROM "
                + db.table(SEAT)
                + " s WHERE s.sport_location_id = l.id)"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM "
                + events
                + " e JOIN "
                + teams
                + " h ON h.id = e.home_team_id JOIN "
                + teams
                + " a ON a.id = e.away_team_id"
                + " WHERE e.location_id <> h.home_field_id OR a.id = h.id"
                + " OR a.sport_league_short_name <> h.sport_league_short_name"
                + " OR e.sport_type_name <> h.sport_type_name"));
  }

  @Test
  void eventsStartOnWholeMinutesAndCarryTheirDate() throws SQLException {
    forEachRow(
        "SELECT start_date_time, start_date FROM " + db.table(SPORTING_EVENT),
        rs -> {
          LocalDateTime start = rs.getObject(1, LocalDateTime.class);
          assertEquals(0, start.getSecond(), start.toString());
          assertEquals(start.toLocalDate(), rs.getObject(2, LocalDate.class));
        });
  }

  @Test
  void historiesFollowSalesAndTransfers() throws SQLException {
    Map<Long, Integer> holders = new HashMap<>();
    Map<Long, LocalDateTime> eventStarts = new HashMap<>();
    forEachRow(
        "SELECT t.id, t.ticketholder_id, e.start_date_time"
            + " FROM "
            + db.table(SPORTING_EVENT_TICKET)
            + " t JOIN "
            + db.table(SPORTING_EVENT)
            + " e ON e.id = t.sporting_event_id",
        rs -> {
          holders.put(rs.getLong(1), (Integer) rs.getObject(2, Integer.class));
          eventStarts.put(rs.getLong(1), rs.getObject(3, LocalDateTime.class));
        });
    Map<Long, List<HistoryRow>> histories = new HashMap<>();
    for (HistoryRow row : history()) {
      histories.computeIfAbsent(row.ticket, id -> new ArrayList<>()).add(row);
    }

    int mostTransfers = 0;
    for (Map.Entry<Long, Integer> ticket : holders.entrySet()) {
      List<HistoryRow> rows = histories.getOrDefault(ticket.getKey(), List.of());
      Integer holder = ticket.getValue();
      assertEquals(holder == null, rows.isEmpty(), "unsold ⇔ no holder ⇔ no history: " + ticket);
      for (int i = 0; i < rows.size(); i++) {
        HistoryRow row = rows.get(i);
        if (i == 0) {
          assertNull(row.from, "a sale names no previous holder: " + row);
        } else {
          HistoryRow previous = rows.get(i - 1);
          assertEquals(previous.buyer, row.from, "a transfer comes from the previous holder");
          assertNotEquals(previous.buyer, row.buyer, "a transfer goes to someone else: " + row);
          assertTrue(row.time.isAfter(previous.time), "times strictly increase: " + row);
        }
        assertNotEquals(0, row.time.getSecond(), "transaction times carry seconds: " + row);
        assertTrue(row.time.isBefore(eventStarts.get(row.ticket)), "before the event: " + row);
        assertTrue(row.price.signum() >= 0 && row.price.scale() <= 4, row.toString());
      }
      if (holder != null) {
        assertEquals(rows.get(rows.size() - 1).buyer, holder, "holder = last buyer");
      }
      mostTransfers = Math.max(mostTransfers, rows.size() - 1);
    }
    assertEquals(3, mostTransfers, "some ticket was transferred three times, none more");
  }

  @Test
  void soldOutMeansEveryTicketSold() throws SQLException {
    String tickets = db.table(SPORTING_EVENT_TICKET);
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM "
                + db.table(SPORTING_EVENT)
                + " e WHERE sold_out"
                + " <> CASE WHEN EXISTS (SELECT 1 FROM "
                + tickets
                + " t WHERE t.sporting_event_id = e.id"
                + " AND t.ticketholder_id IS NULL) THEN 0 ELSE 1 END"));
    assertTrue(
        count("SELECT COUNT(*) FROM " + db.table(SPORTING_EVENT) + " WHERE sold_out = 1") >= 1,
        "a sold-out event");
    assertTrue(
        count("SELECT COUNT(*) FROM " + db.table(SPORTING_EVENT) + " WHERE sold_out = 0") >= 1,
        "an event with tickets left");
  }

  @Test
  void edgeCasesArePresent() throws SQLException {
    String history = db.table(TICKET_PURCHASE_HIST);
    assertTrue(
        count(
                "SELECT COUNT(*) FROM "
                    + db.table(PERSON)
                    + " p WHERE NOT EXISTS"
                    + " (SELECT 1 FROM "
                    + history
                    + " h WHERE h.purchased_by_id = p.id"
                    + " OR h.transferred_from_id = p.id)")
            >= 1,
        "a person without tickets");

    Set<Integer> senders = new HashSet<>();
    Set<Integer> receivers = new HashSet<>();
    for (HistoryRow row : history()) {
      if (row.from != null) {
        senders.add(row.from);
        receivers.add(row.buyer);
      }
    }
    senders.retainAll(receivers);
    assertFalse(senders.isEmpty(), "a person who both sent and received a transfer");

    assertTrue(
        count(
                "SELECT COUNT(*) FROM "
                    + history
                    + " WHERE transaction_date_time"
                    + " = TIMESTAMP '2026-03-08 02:30:15'")
            == 1,
        "a time in a daylight-saving gap");
    assertTrue(
        count(
                "SELECT COUNT(*) FROM "
                    + history
                    + " WHERE purchase_price * 100"
                    + " <> FLOOR(purchase_price * 100)")
            >= 1,
        "a price with four decimals");
  }

  @Test
  void unicodeAndNullNamesRoundTrip() throws SQLException {
    try (Statement statement = db.connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id, full_name, first_name, last_name FROM "
                    + db.table(PERSON)
                    + " WHERE id <= 3 ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals("José Müller", rs.getString(2));
      assertTrue(rs.next());
      assertEquals("Zoë O'Brien", rs.getString(2));
      assertTrue(rs.next());
      assertEquals("Pelé", rs.getString(2));
      assertNull(rs.getString(3));
    }
  }

  private record HistoryRow(
      long ticket, int buyer, LocalDateTime time, Integer from, BigDecimal price) {}

  private List<HistoryRow> history() throws SQLException {
    List<HistoryRow> rows = new ArrayList<>();
    forEachRow(
        "SELECT sporting_event_ticket_id, purchased_by_id,"
            + " transaction_date_time, transferred_from_id, purchase_price FROM "
            + db.table(TICKET_PURCHASE_HIST)
            + " ORDER BY sporting_event_ticket_id, transaction_date_time",
        rs ->
            rows.add(
                new HistoryRow(
                    rs.getLong(1),
                    rs.getInt(2),
                    rs.getObject(3, LocalDateTime.class),
                    rs.getObject(4, Integer.class),
                    rs.getBigDecimal(5))));
    return rows;
  }

  private interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  /** Calls {@code each} with every row {@code sql} returns, in order. */
  private void forEachRow(String sql, RowConsumer each) throws SQLException {
    try (Statement statement = db.connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        each.accept(rs);
      }
    }
  }

  private long count(String sql) throws SQLException {
    return longs(sql).get(0);
  }

  private List<Long> longs(String sql) throws SQLException {
    try (Statement statement = db.connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      List<Long> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getLong(i));
      }
      return values;
    }
  }
}
