package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.TicketItemBuilder;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading history entries back: whether two entries record the same change. The transfer item an
 * entry stands for is {@link TicketItemBuilder#transferOf}, the reading verify uses too.
 */
final class TransferItems {
  private TransferItems() {}

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
