package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * History entries and transfer items laid out exactly as the migration's {@code
 * TicketItemBuilder} writes them (SPEC §2), so a verify run after a purchase or transfer finds
 * each ticket's history and transfer items consistent.
 */
final class TransferItems {
  private TransferItems() {}

  /** A history entry: a purchase when {@code fromId} is null, else a transfer. */
  static Map<String, AttributeValue> historyEntry(
      String purchasedById, @Nullable String fromId, String transactionAt, String price) {
    Map<String, AttributeValue> entry = new HashMap<>();
    entry.put(Attr.PURCHASED_BY_ID, Items.n(purchasedById));
    if (fromId != null) {
      entry.put(Attr.TRANSFERRED_FROM_ID, Items.n(fromId));
    }
    entry.put(Attr.TRANSACTION_AT, Items.s(transactionAt));
    entry.put(Attr.PURCHASE_PRICE, Items.n(price));
    return entry;
  }

  /** The transfer item of one transfer of a ticket. */
  static Map<String, AttributeValue> transferItem(
      String ticketId, String eventId, String fromId, String toId, String transactionAt, String price) {
    String indexSk = KeyFormats.transferIndexSk(transactionAt, ticketId);
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(Attr.PK, Items.s(KeyFormats.ticketPk(ticketId)));
    item.put(Attr.SK, Items.s(KeyFormats.transferSk(transactionAt, toId)));
    item.put(Attr.ENTITY, Items.s(Entity.TRANSFER.name()));
    item.put(Attr.TICKET_ID, Items.n(ticketId));
    item.put(Attr.EVENT_ID, Items.n(eventId));
    item.put(Attr.FROM_ID, Items.n(fromId));
    item.put(Attr.TO_ID, Items.n(toId));
    item.put(Attr.TRANSACTION_AT, Items.s(transactionAt));
    item.put(Attr.PURCHASE_PRICE, Items.n(price));
    item.put(Attr.GSI3_PK, Items.s(KeyFormats.fromPk(fromId)));
    item.put(Attr.GSI3_SK, Items.s(indexSk));
    item.put(Attr.GSI4_PK, Items.s(KeyFormats.toPk(toId)));
    item.put(Attr.GSI4_SK, Items.s(indexSk));
    return item;
  }

  /** The transfer item a history entry stands for, or null when the entry is a purchase. */
  static @Nullable Map<String, AttributeValue> fromHistory(
      String ticketId, String eventId, Map<String, AttributeValue> entry) {
    String from = ItemValues.number(entry, Attr.TRANSFERRED_FROM_ID);
    if (from == null) {
      return null;
    }
    return transferItem(
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
