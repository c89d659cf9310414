package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.KeyFormats;
import java.util.Comparator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One ticket in an answer ("tickets I own", "tickets available"), in the SPEC's text forms: ids and
 * money as exact decimal text, {@code eventStart} as ISO-8601 with seconds. Text forms make a
 * DynamoDB answer and its SQL twin compare with {@code equals}.
 */
public record TicketSummary(
    String ticketId,
    String eventId,
    String eventStart,
    String locationId,
    String seatLevel,
    String seatSection,
    String seatRow,
    String seat,
    String ticketPrice) {

  /** Items sharing a sort key (never within one index partition for valid data) go by ticket id. */
  static final Comparator<TicketSummary> TIE_BREAK =
      (a, b) -> IndexOrder.byNumber(a.ticketId, b.ticketId);

  /** The sort key of GSI1 ("tickets I own"): event start, then ticket id. */
  public String ownerIndexSortKey() {
    return KeyFormats.ownerSk(eventStart, ticketId);
  }

  /** The sort key of GSI2 ("tickets available"): the seat. */
  public String seatIndexSortKey() {
    return KeyFormats.seatKey(seatLevel, seatSection, seatRow, seat);
  }

  static TicketSummary fromItem(Map<String, AttributeValue> item) {
    return new TicketSummary(
        ItemValues.requiredNumber(item, Attr.TICKET_ID),
        ItemValues.requiredNumber(item, Attr.EVENT_ID),
        ItemValues.requiredText(item, Attr.EVENT_START),
        ItemValues.requiredNumber(item, Attr.LOCATION_ID),
        ItemValues.requiredNumber(item, Attr.SEAT_LEVEL),
        ItemValues.requiredText(item, Attr.SEAT_SECTION),
        ItemValues.requiredText(item, Attr.SEAT_ROW),
        ItemValues.requiredText(item, Attr.SEAT),
        ItemValues.requiredNumber(item, Attr.TICKET_PRICE));
  }
}
