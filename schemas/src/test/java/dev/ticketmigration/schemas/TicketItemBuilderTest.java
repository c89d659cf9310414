package dev.ticketmigration.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TicketItemBuilderTest {

  static SourceRow ticket(String id, String holder, String price) {
    return TestRows.of(
            SourceTable.SPORTING_EVENT_TICKET,
            id,
            "9223372036854775807",
            "3",
            "2",
            "012",
            "",
            "7 ",
            holder,
            price)
        .add("event_start_date_time", SourceRow.Kind.DATETIME, "2026-05-01T19:05:00")
        .build();
  }

  static SourceRow history(String ticket, String by, String from, String at, String price) {
    return TestRows.of(SourceTable.TICKET_PURCHASE_HIST, ticket, by, at, from, price).build();
  }

  @Test
  void unsoldTicketIsAvailableInSparseGsi2Only() {
    List<Map<String, AttributeValue>> items =
        TicketItemBuilder.build(List.of(ticket("5", null, "45.5000")), List.of());
    assertEquals(1, items.size());
    Map<String, AttributeValue> t = items.get(0);
    assertEquals("TICKET#5", t.get("PK").s());
    assertEquals("TICKET", t.get("SK").s());
    assertEquals("AVAILABLE", t.get("status").s());
    assertEquals("0", t.get("purchase_count").n());
    assertEquals("45.5", t.get("ticket_price").n());
    assertEquals("9223372036854775807", t.get("event_id").n());
    assertEquals("AVAILABLE#3#2026-05-01", t.get("GSI2_PK").s());
    assertEquals("2#012##7 ", t.get("GSI2_SK").s());
    for (String absent :
        List.of("owner_id", "history", "last_transaction_at", "GSI1_PK", "GSI1_SK")) {
      assertFalse(t.containsKey(absent), absent);
    }
  }

  @Test
  void transferredTicketHasOrderedHistoryAndTransferItems() {
    List<Map<String, AttributeValue>> items =
        TicketItemBuilder.build(
            List.of(ticket("5", "30", "100.0000")),
            List.of(
                history("5", "30", "20", "2026-03-02T10:00:01", "120.1234"),
                history("5", "10", null, "2026-01-01T09:00:00", "100.0000"),
                history("5", "20", "10", "2026-02-01T09:00:00", "0.0001")));
    Map<String, AttributeValue> t = items.get(0);
    assertEquals("TRANSFERRED", t.get("status").s());
    assertEquals("30", t.get("owner_id").n());
    assertEquals("3", t.get("purchase_count").n());
    assertEquals("2026-03-02T10:00:01", t.get("last_transaction_at").s());
    assertEquals("OWNER#30", t.get("GSI1_PK").s());
    assertEquals("2026-05-01T19:05:00#5", t.get("GSI1_SK").s());
    assertFalse(t.containsKey("GSI2_PK"));
    List<AttributeValue> history = t.get("history").l();
    assertEquals("10", history.get(0).m().get("purchased_by_id").n());
    assertNull(history.get(0).m().get("transferred_from_id"));
    assertEquals("0.0001", history.get(1).m().get("purchase_price").n());
    assertEquals("20", history.get(2).m().get("transferred_from_id").n());

    assertEquals(3, items.size());
    Map<String, AttributeValue> transfer = items.get(2);
    assertEquals("TRANSFER", transfer.get("entity").s());
    assertEquals("TRANSFER#2026-03-02T10:00:01#30", transfer.get("SK").s());
    assertEquals("FROM#20", transfer.get("GSI3_PK").s());
    assertEquals("TO#30", transfer.get("GSI4_PK").s());
    assertEquals("2026-03-02T10:00:01#5", transfer.get("GSI4_SK").s());
    assertEquals("120.1234", transfer.get("purchase_price").n());
  }

  @Test
  void soldTicketWithoutTransfersIsSold() {
    List<Map<String, AttributeValue>> items =
        TicketItemBuilder.build(
            List.of(ticket("1", "10", "1")),
            List.of(history("1", "10", null, "2026-01-01T09:00:00", "1")));
    assertEquals("SOLD", items.get(0).get("status").s());
    assertEquals(1, items.size());
  }

  @Test
  void contradictionsRejectTheWholeTicket() {
    assertTrue(
        reason(List.of(), List.of(history("1", "2", null, "2026-01-01T00:00:00", "1")))
            .contains("does not exist"));
    assertTrue(
        reason(List.of(ticket("1", null, "1"), ticket("1", null, "1")), List.of())
            .contains("2 ticket rows"));
    assertTrue(
        reason(
                List.of(ticket("1", null, "1")),
                List.of(history("1", "2", null, "2026-01-01T00:00:00", "1")))
            .contains("no ticketholder"));
    assertTrue(
        reason(
                List.of(ticket("1", "2", "1")),
                List.of(
                    history("1", "2", null, "2026-01-01T00:00:00", "1"),
                    history("1", "2", null, "2026-01-01T00:00:00", "3")))
            .contains("share the key"));
    assertTrue(reason(List.of(ticket("1", null, "-1")), List.of()).contains("outside"));
    assertTrue(reason(List.of(ticket("1", null, "214748.3648")), List.of()).contains("outside"));
    assertTrue(reason(List.of(ticket("1.5", null, "1")), List.of()).contains("not a whole number"));
  }

  private static String reason(List<SourceRow> tickets, List<SourceRow> history) {
    return assertThrows(RejectedRowException.class, () -> TicketItemBuilder.build(tickets, history))
        .reason();
  }
}
