package dev.ticketmigration.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source schema's model is self-consistent; the DDL is checked against it in test-data. */
class SourceTableTest {
  @Test
  void keyColumnsAreColumnsOfTheirTable() {
    for (SourceTable table : SourceTable.values()) {
      assertTrue(table.columnNames().containsAll(table.keyColumns()), table.tableName());
      assertEquals(
          table.columnNames().size(), new HashSet<>(table.columnNames()).size(), table.tableName());
    }
  }

  @Test
  void historyJoinsTicketsByTheirId() {
    assertEquals(List.of(SourceColumns.ID), SourceTable.SPORTING_EVENT_TICKET.keyColumns());
    assertEquals(
        SourceColumns.SPORTING_EVENT_TICKET_ID,
        SourceTable.TICKET_PURCHASE_HIST.keyColumns().get(0));
    assertEquals(SourceColumns.SPORTING_EVENT_TICKET_ID, TicketItemBuilder.HISTORY_TICKET_COLUMN);
  }
}
