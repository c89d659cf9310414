package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.schemas.TicketStatus;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The purchase and transfer write paths (SPEC §3, patterns 3 and 4) without transactions: the
 * ticket item is the commit point, changed by one conditional UpdateItem, so of two concurrent
 * writers exactly one wins. A transfer's own item is written right after with an idempotent
 * conditional PutItem; when that write is lost, replaying the transfer or {@link
 * #rebuildTransferItems} recreates it from the ticket's history, which is the truth.
 *
 * <p>Each write first reads the ticket (strongly consistent) for the immutable values the index
 * keys need ({@code event_start}, {@code event_id}) and to answer without writing when the outcome
 * is already clear; the condition then re-checks everything at write time.
 */
final class TicketWritePaths {
  /** A lost race re-reads the ticket; the second read always decides, a third is a safety net. */
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient client;
  private final String tableName;

  TicketWritePaths(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  PurchaseOutcome purchase(TicketChange change) {
    Map<String, AttributeValue> entry =
        TicketItemBuilder.historyEntry(
            change.buyerId(), null, change.transactionAt(), change.price());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Map<String, AttributeValue> ticket = readTicket(change.ticketId());
      if (ticket == null) {
        return PurchaseOutcome.NOT_FOUND;
      }
      if (!TicketStatus.AVAILABLE.name().equals(ItemValues.text(ticket, Attr.STATUS))) {
        boolean replay = isLastEntry(ticket, entry) && ownedBy(ticket, change.buyerId());
        return replay ? PurchaseOutcome.PURCHASED : PurchaseOutcome.ALREADY_SOLD;
      }
      String eventStart = ItemValues.requiredText(ticket, Attr.EVENT_START);
      ExpressionPlaceholders e = new ExpressionPlaceholders();
      String update =
          "SET "
              + commonSets(e, TicketStatus.SOLD, change, entry, eventStart)
              + " REMOVE "
              + e.name(Attr.GSI2_PK)
              + ", "
              + e.name(Attr.GSI2_SK);
      String condition =
          e.name(Attr.STATUS)
              + " = "
              + e.value(Items.s(TicketStatus.AVAILABLE.name()))
              + " AND "
              + e.name(Attr.EVENT_START)
              + " = "
              + e.value(Items.s(eventStart));
      if (update(change.ticketId(), update, condition, e)) {
        return PurchaseOutcome.PURCHASED;
      }
    }
    throw new IllegalStateException(
        "ticket " + change.ticketId() + " kept changing during the purchase; try again");
  }

  TransferOutcome transfer(TicketChange change, String fromId) {
    Map<String, AttributeValue> entry =
        TicketItemBuilder.historyEntry(
            change.buyerId(), fromId, change.transactionAt(), change.price());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Map<String, AttributeValue> ticket = readTicket(change.ticketId());
      if (ticket == null) {
        return TransferOutcome.NOT_FOUND;
      }
      String eventId = ItemValues.requiredNumber(ticket, Attr.EVENT_ID);
      if (isLastEntry(ticket, entry) && ownedBy(ticket, change.buyerId())) {
        // this very transfer committed before; make sure its item exists too
        putTransferItem(transferItem(change, eventId, fromId));
        return TransferOutcome.TRANSFERRED;
      }
      String status = ItemValues.text(ticket, Attr.STATUS);
      if (!ownedBy(ticket, fromId) || !isHeld(status)) {
        return TransferOutcome.NOT_OWNER;
      }
      String last = ItemValues.text(ticket, Attr.LAST_TRANSACTION_AT);
      if (last != null && last.compareTo(change.transactionAt()) >= 0) {
        return TransferOutcome.OUT_OF_ORDER;
      }
      String eventStart = ItemValues.requiredText(ticket, Attr.EVENT_START);
      ExpressionPlaceholders e = new ExpressionPlaceholders();
      String update = "SET " + commonSets(e, TicketStatus.TRANSFERRED, change, entry, eventStart);
      String lastName = e.name(Attr.LAST_TRANSACTION_AT);
      String condition =
          e.name(Attr.OWNER_ID)
              + " = "
              + e.value(Items.n(fromId))
              + " AND "
              + e.name(Attr.STATUS)
              + " IN ("
              + e.value(Items.s(TicketStatus.SOLD.name()))
              + ", "
              + e.value(Items.s(TicketStatus.TRANSFERRED.name()))
              + ")"
              + " AND "
              + e.name(Attr.EVENT_START)
              + " = "
              + e.value(Items.s(eventStart))
              + " AND (attribute_not_exists("
              + lastName
              + ") OR "
              + lastName
              + " < "
              + e.value(Items.s(change.transactionAt()))
              + ")";
      if (update(change.ticketId(), update, condition, e)) {
        putTransferItem(transferItem(change, eventId, fromId));
        return TransferOutcome.TRANSFERRED;
      }
    }
    throw new IllegalStateException(
        "ticket " + change.ticketId() + " kept changing during the transfer; try again");
  }

  int rebuildTransferItems(String ticketId) {
    List<Map<String, AttributeValue>> items =
        PagedQuery.partition(
            client, tableName, null, Attr.PK, KeyFormats.ticketPk(ticketId), null, true);
    Map<String, AttributeValue> ticket = null;
    Set<String> transferKeys = new HashSet<>();
    for (Map<String, AttributeValue> item : items) {
      String entity = Items.entity(item);
      if (entity.equals(Entity.TICKET.name())) {
        ticket = item;
      } else if (entity.equals(Entity.TRANSFER.name())) {
        transferKeys.add(ItemValues.requiredText(item, Attr.SK));
      }
    }
    if (ticket == null || !ticket.containsKey(Attr.HISTORY)) {
      return 0;
    }
    String eventId = ItemValues.requiredNumber(ticket, Attr.EVENT_ID);
    int recreated = 0;
    for (AttributeValue entry : ticket.get(Attr.HISTORY).l()) {
      Map<String, AttributeValue> transfer =
          TicketItemBuilder.transferOf(ticketId, eventId, entry.m());
      if (transfer != null && !transferKeys.contains(transfer.get(Attr.SK).s())) {
        putTransferItem(transfer);
        recreated++;
      }
    }
    return recreated;
  }

  /**
   * The SETs both paths share: the new status and owner, history, counters, last transaction and
   * the GSI1 keys.
   */
  private static String commonSets(
      ExpressionPlaceholders e,
      TicketStatus status,
      TicketChange change,
      Map<String, AttributeValue> entry,
      String eventStart) {
    String statusAndOwner =
        e.name(Attr.STATUS)
            + " = "
            + e.value(Items.s(status.name()))
            + ", "
            + e.name(Attr.OWNER_ID)
            + " = "
            + e.value(Items.n(change.buyerId()))
            + ", ";
    String count = e.name(Attr.PURCHASE_COUNT);
    String history = e.name(Attr.HISTORY);
    return statusAndOwner
        + count
        + " = if_not_exists("
        + count
        + ", "
        + e.value(Items.n(0))
        + ") + "
        + e.value(Items.n(1))
        + ", "
        + e.name(Attr.LAST_TRANSACTION_AT)
        + " = "
        + e.value(Items.s(change.transactionAt()))
        + ", "
        + history
        + " = list_append(if_not_exists("
        + history
        + ", "
        + e.value(AttributeValue.builder().l(List.of()).build())
        + "), "
        + e.value(AttributeValue.builder().l(AttributeValue.builder().m(entry).build()).build())
        + ")"
        + ", "
        + e.name(Attr.GSI1_PK)
        + " = "
        + e.value(Items.s(KeyFormats.ownerPk(change.buyerId())))
        + ", "
        + e.name(Attr.GSI1_SK)
        + " = "
        + e.value(Items.s(KeyFormats.ownerSk(eventStart, change.ticketId())));
  }

  private static Map<String, AttributeValue> transferItem(
      TicketChange change, String eventId, String fromId) {
    return TicketItemBuilder.transferItem(
        change.ticketId(),
        eventId,
        fromId,
        change.buyerId(),
        change.transactionAt(),
        change.price());
  }

  /** Writes a transfer item unless an identical one is there; a different one is a conflict. */
  private void putTransferItem(Map<String, AttributeValue> item) {
    ExpressionPlaceholders e = new ExpressionPlaceholders();
    StringBuilder same = new StringBuilder();
    for (String attribute :
        List.of(
            Attr.TICKET_ID,
            Attr.EVENT_ID,
            Attr.FROM_ID,
            Attr.TO_ID,
            Attr.TRANSACTION_AT,
            Attr.PURCHASE_PRICE)) {
      same.append(same.length() == 0 ? "" : " AND ")
          .append(e.name(attribute))
          .append(" = ")
          .append(e.value(item.get(attribute)));
    }
    String condition = "attribute_not_exists(" + e.name(Attr.PK) + ") OR (" + same + ")";
    try {
      client.putItem(
          PutItemRequest.builder()
              .tableName(tableName)
              .item(item)
              .conditionExpression(condition)
              .expressionAttributeNames(e.names())
              .expressionAttributeValues(e.values())
              .build());
    } catch (ConditionalCheckFailedException conflict) {
      throw new IllegalStateException(
          "a different transfer item already exists at " + Items.key(item), conflict);
    }
  }

  /** Runs a conditional update; false when the condition failed. */
  private boolean update(
      String ticketId, String update, String condition, ExpressionPlaceholders e) {
    try {
      client.updateItem(
          UpdateItemRequest.builder()
              .tableName(tableName)
              .key(ticketKey(ticketId))
              .updateExpression(update)
              .conditionExpression(condition)
              .expressionAttributeNames(e.names())
              .expressionAttributeValues(e.values())
              .build());
      return true;
    } catch (ConditionalCheckFailedException lostRace) {
      return false;
    }
  }

  private @Nullable Map<String, AttributeValue> readTicket(String ticketId) {
    Map<String, AttributeValue> item =
        client
            .getItem(
                GetItemRequest.builder()
                    .tableName(tableName)
                    .key(ticketKey(ticketId))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static Map<String, AttributeValue> ticketKey(String ticketId) {
    return Map.of(
        Attr.PK, Items.s(KeyFormats.ticketPk(ticketId)), Attr.SK, Items.s(KeyFormats.TICKET_SK));
  }

  private static boolean ownedBy(Map<String, AttributeValue> ticket, String personId) {
    String owner = ItemValues.number(ticket, Attr.OWNER_ID);
    return owner != null && new BigDecimal(owner).compareTo(new BigDecimal(personId)) == 0;
  }

  private static boolean isHeld(@Nullable String status) {
    return TicketStatus.SOLD.name().equals(status)
        || TicketStatus.TRANSFERRED.name().equals(status);
  }

  private static boolean isLastEntry(
      Map<String, AttributeValue> ticket, Map<String, AttributeValue> entry) {
    AttributeValue history = ticket.get(Attr.HISTORY);
    if (history == null || !history.hasL() || history.l().isEmpty()) {
      return false;
    }
    return TransferItems.sameEntry(history.l().get(history.l().size() - 1).m(), entry);
  }
}
