package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.KeyFormats;
import java.util.Comparator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One transfer in an answer ("tickets I transferred", "tickets transferred to me"): who gave the
 * ticket to whom, when and for how much, in the SPEC's text forms.
 */
public record TicketTransfer(
    String ticketId,
    String eventId,
    String fromId,
    String toId,
    String transactionAt,
    String price) {

  /** Transfers sharing a sort key (same ticket, same instant) go by recipient, then giver. */
  static final Comparator<TicketTransfer> TIE_BREAK =
      Comparator.<TicketTransfer, String>comparing(TicketTransfer::toId, IndexOrder::byNumber)
          .thenComparing(TicketTransfer::fromId, IndexOrder::byNumber);

  /** The sort key of GSI3 and GSI4: transaction time, then ticket id. */
  public String indexSortKey() {
    return KeyFormats.transferIndexSk(transactionAt, ticketId);
  }

  static TicketTransfer fromItem(Map<String, AttributeValue> item) {
    return new TicketTransfer(
        ItemValues.requiredNumber(item, Attr.TICKET_ID),
        ItemValues.requiredNumber(item, Attr.EVENT_ID),
        ItemValues.requiredNumber(item, Attr.FROM_ID),
        ItemValues.requiredNumber(item, Attr.TO_ID),
        ItemValues.requiredText(item, Attr.TRANSACTION_AT),
        ItemValues.requiredNumber(item, Attr.PURCHASE_PRICE));
  }
}
