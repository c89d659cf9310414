package dev.ticketmigration.transforms.items;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.transforms.DeadLetters;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TicketSalesItemsTest {

  private static SourceRow ticket(String id, String holder) {
    return SourceRow.builder("sporting_event_ticket")
        .add("id", SourceRow.Kind.NUMBER, id)
        .add("sporting_event_id", SourceRow.Kind.NUMBER, "1")
        .add("sport_location_id", SourceRow.Kind.NUMBER, "3")
        .add("seat_level", SourceRow.Kind.NUMBER, "1")
        .add("seat_section", SourceRow.Kind.STRING, "A")
        .add("seat_row", SourceRow.Kind.STRING, "1")
        .add("seat", SourceRow.Kind.STRING, id)
        .add("ticketholder_id", SourceRow.Kind.NUMBER, holder)
        .add("ticket_price", SourceRow.Kind.NUMBER, "10.0000")
        .add("event_start_date_time", SourceRow.Kind.DATETIME, "2026-05-01T19:05:00")
        .build();
  }

  private static SourceRow history(String ticket, String by, String from, String at) {
    return SourceRow.builder("ticket_purchase_hist")
        .add("sporting_event_ticket_id", SourceRow.Kind.NUMBER, ticket)
        .add("purchased_by_id", SourceRow.Kind.NUMBER, by)
        .add("transaction_date_time", SourceRow.Kind.DATETIME, at)
        .add("transferred_from_id", SourceRow.Kind.NUMBER, from)
        .add("purchase_price", SourceRow.Kind.NUMBER, "10")
        .build();
  }

  @Test
  void joinsTicketsWithHistoryAndRoutesBadRowsToDeadLetters() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<SourceRow> tickets =
        SourceRows.create(
            p,
            "Tickets",
            ticket("1", null),
            ticket("2", "7"),
            ticket("3", "8"),
            ticket(null, null));
    PCollection<SourceRow> history =
        SourceRows.create(
            p,
            "History",
            history("2", "7", null, "2026-01-01T10:00:00"),
            history("3", "5", null, "2026-01-01T10:00:00"),
            history("3", "8", "5", "2026-01-02T10:00:00"),
            history("99", "5", null, "2026-01-01T10:00:00"));
    PCollectionTuple out =
        PCollectionTuple.of(TicketSalesItems.TICKETS, tickets)
            .and(TicketSalesItems.HISTORY, history)
            .apply(TicketSalesItems.create());

    PAssert.that(
            out.get(TicketSalesItems.ITEMS)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via((Map<String, AttributeValue> i) -> Items.key(i) + " " + statusOf(i))))
        .containsInAnyOrder(
            "TICKET#1 | TICKET AVAILABLE",
            "TICKET#2 | TICKET SOLD",
            "TICKET#3 | TICKET TRANSFERRED",
            "TICKET#3 | TRANSFER#2026-01-02T10:00:00#8 -");
    PAssert.that(out.get(DeadLetters.TAG))
        .satisfies(
            letters -> {
              var reasons =
                  StreamSupport.stream(letters.spliterator(), false)
                      .map(d -> d.sourceTable() + ": " + d.reason())
                      .sorted()
                      .toList();
              assertEquals(2, reasons.size(), reasons.toString());
              assertEquals("sporting_event_ticket: id is NULL", reasons.get(0));
              assertEquals(
                  "ticket_purchase_hist: purchase history for a ticket that does not exist",
                  reasons.get(1));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static String statusOf(Map<String, AttributeValue> item) {
    AttributeValue s = item.get("status");
    return s == null ? "-" : s.s();
  }
}
