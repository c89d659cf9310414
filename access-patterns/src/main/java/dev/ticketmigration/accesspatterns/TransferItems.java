package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.TicketItemBuilder;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading history entries back: the transfer item an entry stands for (built by the migration's
 * own {@link TicketItemBuilder}, so a verify run after a purchase or transfer finds each ticket's
 * history and transfer items consistent) and whether two entries record the same change.
 */
final class TransferItems {
  private TransferItems() {}

  /** The transfer item a history entry stands for, or null when the entry is a purchase. */
  static @Nullable Map<String, AttributeValue> fromHistory(
      String ticketId, String eventId, Map<String, AttributeValue> entry) {
    String from = ItemValues.number(entry, Attr.TRANSFERRED_FROM_ID);
    if (from == null) {
      return null;
    }
    return TicketItemBuilder.transferItem(
        ticketId,
        eventId,
        from,
        ItemValues.requiredNumber(entry, Attr.PURCHASED_BY_ID),
        ItemValues.requiredText(entry, Attr.TRANSACTION_AT),
        ItemValues.requiredNumber(entry, Attr.PURCHASE_PRICE));
  }

  /** Whether two history entries record the same purchase or transfer (numbers by value). */
  static boolean sameEntry(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return Objects.equals(
            ItemValues.number(a, Attr.PURCHASED_BY_ID), ItemValues.number(b, Attr.PURCHASED_BY_ID))
        && Objects.equals(
            ItemValues.number(a, Attr.TRANSFERRED_FROM_ID),
            ItemValues.number(b, Attr.TRANSFERRED_FROM_ID))
        && Objects.equals(
            ItemValues.text(a, Attr.TRANSACTION_AT), ItemValues.text(b, Attr.TRANSACTION_AT))
        && Objects.equals(
            ItemValues.number(a, Attr.PURCHASE_PRICE), ItemValues.number(b, Attr.PURCHASE_PRICE));
  }
}
