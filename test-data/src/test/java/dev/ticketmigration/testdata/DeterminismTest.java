package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  @Test
  void sameSeedSameRowsDifferentSeedDifferentRows() throws SQLException {
    Map<String, String> first = digests(TestData.small(11));
    Map<String, String> again = digests(TestData.small(11));
    Map<String, String> other = digests(TestData.small(12));

    assertEquals(first, again);
    for (String table :
        new String[] {
          "sport_location",
          "seat",
          "player",
          "person",
          "sporting_event",
          "sporting_event_ticket",
          "ticket_purchase_hist"
        }) {
      assertNotEquals(first.get(table), other.get(table), table);
    }
    // The fixed reference rows do not depend on the seed.
    assertEquals(first.get("sport_team"), other.get("sport_team"));
    assertEquals(first.get("seat_type"), other.get("seat_type"));
  }

  @Test
  void firstTicketIdOnlyShiftsTicketIds() throws SQLException {
    long first = Long.MAX_VALUE - TestData.small(11).ticketCount() + 1;
    DataGenerator nearMax = TestData.small(11).toBuilder().firstTicketId(first).build();
    Map<String, String> shifted = digests(nearMax);
    Map<String, String> plain = digests(TestData.small(11));
    assertEquals(plain.get("person"), shifted.get("person"));
    assertEquals(plain.get("sporting_event"), shifted.get("sporting_event"));
    assertNotEquals(plain.get("sporting_event_ticket"), shifted.get("sporting_event_ticket"));
  }

  private static Map<String, String> digests(DataGenerator generator) throws SQLException {
    try (ScratchDatabase db = ScratchDatabase.open(Dialect.H2)) {
      db.load(generator);
      return TableDigest.digestAll(db.connection, db.dialect, db.schema);
    }
  }
}
