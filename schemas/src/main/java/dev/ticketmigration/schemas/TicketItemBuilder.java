package dev.ticketmigration.schemas;

import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASED_BY_ID;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASE_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.SEAT;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_LEVEL;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_ROW;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_SECTION;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_TICKET_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LOCATION_ID;
import static dev.ticketmigration.schemas.SourceColumns.TICKETHOLDER_ID;
import static dev.ticketmigration.schemas.SourceColumns.TICKET_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.TRANSACTION_DATE_TIME;
import static dev.ticketmigration.schemas.SourceColumns.TRANSFERRED_FROM_ID;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the {@code ticket_sales} items of one ticket from its row and its purchase-history rows
 * (SPEC §2): one combined ticket item plus one transfer item per transfer.
 *
 * <p>Rejects the whole group when the rows contradict each other, so a ticket is either migrated
 * completely and consistently or not at all.
 */
public final class TicketItemBuilder {
  private TicketItemBuilder() {}

  /** Column the ticket read adds from {@code sporting_event.start_date_time}. */
  public static final String EVENT_START_COLUMN = "event_start_date_time";

  /** The history rows' ticket column, the join key. */
  public static final String HISTORY_TICKET_COLUMN = SPORTING_EVENT_TICKET_ID;

  /** One purchase-history row, parsed. */
  private record Purchase(
      String purchasedById,
      @Nullable String transferredFromId,
      String transactionAt,
      BigDecimal price) {

    static final Comparator<Purchase> OLDEST_FIRST =
        Comparator.comparing(Purchase::transactionAt)
            // a sale sorts before a transfer at the same instant; then by buyer for stability
            .thenComparing(p -> p.transferredFromId() != null)
            .thenComparing(p -> Long.parseLong(p.purchasedById()));

    boolean isTransfer() {
      return transferredFromId != null;
    }

    static Purchase of(SourceRow row) {
      return new Purchase(
          RowFields.id(row, PURCHASED_BY_ID),
          RowFields.optionalId(row, TRANSFERRED_FROM_ID),
          RowFields.dateTime(row, TRANSACTION_DATE_TIME),
          RowFields.money(row, PURCHASE_PRICE));
    }
  }

  /**
   * The items of one ticket.
   *
   * @param tickets the ticket rows with this id (exactly one is valid)
   * @param history the purchase-history rows of this ticket id
   * @throws RejectedRowException when the rows cannot become consistent items
   */
  public static List<Map<String, AttributeValue>> build(
      List<SourceRow> tickets, List<SourceRow> history) {
    if (tickets.isEmpty()) {
      throw new RejectedRowException("purchase history for a ticket that does not exist");
    }
    if (tickets.size() > 1) {
      throw new RejectedRowException(tickets.size() + " ticket rows share this id");
    }
    SourceRow ticket = tickets.get(0);
    String ticketId = RowFields.id(ticket, ID);
    String eventId = RowFields.id(ticket, SPORTING_EVENT_ID);
    if (ticket.text(EVENT_START_COLUMN) == null) {
      throw new RejectedRowException(
          "sporting_event " + eventId + " does not exist or has no start_date_time");
    }
    String eventStart = RowFields.dateTime(ticket, EVENT_START_COLUMN);
    String locationId = RowFields.id(ticket, SPORT_LOCATION_ID);
    BigDecimal seatLevel = RowFields.number(ticket, SEAT_LEVEL);
    String section = RowFields.text(ticket, SEAT_SECTION);
    String seatRow = RowFields.text(ticket, SEAT_ROW);
    String seat = RowFields.text(ticket, SEAT);
    BigDecimal price = RowFields.money(ticket, TICKET_PRICE);
    String ownerId = RowFields.optionalId(ticket, TICKETHOLDER_ID);

    List<Purchase> purchases = new ArrayList<>(history.size());
    Set<String> historyKeys = new HashSet<>();
    for (SourceRow row : history) {
      Purchase p = Purchase.of(row);
      if (!historyKeys.add(p.transactionAt() + KeyFormats.SEP + p.purchasedById())) {
        throw new RejectedRowException(
            "two purchase-history rows share the key (purchased_by_id="
                + p.purchasedById()
                + ", transaction_date_time="
                + p.transactionAt()
                + ")");
      }
      purchases.add(p);
    }
    purchases.sort(Purchase.OLDEST_FIRST);
    if (ownerId == null && !purchases.isEmpty()) {
      throw new RejectedRowException("purchase history but no ticketholder_id");
    }

    TicketStatus status =
        ownerId == null
            ? TicketStatus.AVAILABLE
            : (!purchases.isEmpty() && purchases.get(purchases.size() - 1).isTransfer()
                ? TicketStatus.TRANSFERRED
                : TicketStatus.SOLD);

    String level = SourceValues.decimal(seatLevel);
    Map<String, AttributeValue> item =
        ticketSalesItem(ticketId, KeyFormats.TICKET_SK, Entity.TICKET, eventId);
    item.put(Attr.LOCATION_ID, Items.n(locationId));
    item.put(Attr.SEAT_LEVEL, Items.n(seatLevel));
    item.put(Attr.SEAT_SECTION, Items.s(section));
    item.put(Attr.SEAT_ROW, Items.s(seatRow));
    item.put(Attr.SEAT, Items.s(seat));
    item.put(Attr.TICKET_PRICE, Items.n(price));
    item.put(Attr.EVENT_START, Items.s(eventStart));
    item.put(Attr.STATUS, Items.s(status.name()));
    item.put(Attr.PURCHASE_COUNT, Items.n(purchases.size()));
    if (ownerId != null) {
      item.put(Attr.OWNER_ID, Items.n(ownerId));
      item.put(Attr.GSI1_PK, Items.s(KeyFormats.ownerPk(ownerId)));
      item.put(Attr.GSI1_SK, Items.s(KeyFormats.ownerSk(eventStart, ticketId)));
    } else {
      item.put(
          Attr.GSI2_PK,
          Items.s(KeyFormats.availablePk(locationId, SourceValues.datePart(eventStart))));
      item.put(Attr.GSI2_SK, Items.s(KeyFormats.seatKey(level, section, seatRow, seat)));
    }
    if (!purchases.isEmpty()) {
      item.put(
          Attr.LAST_TRANSACTION_AT, Items.s(purchases.get(purchases.size() - 1).transactionAt()));
      List<AttributeValue> entries = new ArrayList<>(purchases.size());
      for (Purchase p : purchases) {
        entries.add(AttributeValue.builder().m(historyEntry(p)).build());
      }
      item.put(Attr.HISTORY, AttributeValue.builder().l(entries).build());
    }

    List<Map<String, AttributeValue>> items = new ArrayList<>(1 + purchases.size());
    items.add(item);
    for (Purchase p : purchases) {
      if (p.isTransfer()) {
        items.add(transferItem(ticketId, eventId, p));
      }
    }
    return items;
  }

  private static Map<String, AttributeValue> historyEntry(Purchase p) {
    return historyEntry(
        p.purchasedById(),
        p.transferredFromId(),
        p.transactionAt(),
        SourceValues.decimal(p.price()));
  }

  private static Map<String, AttributeValue> transferItem(
      String ticketId, String eventId, Purchase p) {
    return transferItem(
        ticketId,
        eventId,
        p.transferredFromId(),
        p.purchasedById(),
        p.transactionAt(),
        SourceValues.decimal(p.price()));
  }

  /**
   * One entry of a ticket item's {@code history} list: a purchase when {@code transferredFromId} is
   * null, else a transfer. Public so the live write paths (purchase, transfer) append entries laid
   * out exactly as the migration writes them.
   */
  public static Map<String, AttributeValue> historyEntry(
      String purchasedById,
      @Nullable String transferredFromId,
      String transactionAt,
      String price) {
    Map<String, AttributeValue> entry = new HashMap<>();
    entry.put(Attr.PURCHASED_BY_ID, Items.n(purchasedById));
    if (transferredFromId != null) {
      entry.put(Attr.TRANSFERRED_FROM_ID, Items.n(transferredFromId));
    }
    entry.put(Attr.TRANSACTION_AT, Items.s(transactionAt));
    entry.put(Attr.PURCHASE_PRICE, Items.n(price));
    return entry;
  }

  /**
   * The transfer item a ticket item's history entry stands for, or null when the entry is a
   * purchase: the one reading of an entry as a transfer, so the live transfer path, its repair and
   * verify all compare an entry with the transfer item the migration wrote for it. Numbers come out
   * as {@link SourceValues#decimal} text ({@code 45.50} and {@code 45.5} are one number).
   *
   * @throws IllegalStateException when a transfer entry lacks an attribute a transfer needs
   */
  public static @Nullable Map<String, AttributeValue> transferOf(
      String ticketId, String eventId, Map<String, AttributeValue> entry) {
    AttributeValue from = entry.get(Attr.TRANSFERRED_FROM_ID);
    if (from == null) {
      return null;
    }
    return transferItem(
        ticketId,
        eventId,
        entryNumber(from, Attr.TRANSFERRED_FROM_ID),
        entryNumber(entry.get(Attr.PURCHASED_BY_ID), Attr.PURCHASED_BY_ID),
        entryText(entry.get(Attr.TRANSACTION_AT), Attr.TRANSACTION_AT),
        entryNumber(entry.get(Attr.PURCHASE_PRICE), Attr.PURCHASE_PRICE));
  }

  private static String entryNumber(@Nullable AttributeValue value, String name) {
    if (value == null || value.n() == null) {
      throw new IllegalStateException("history entry has no number attribute " + name);
    }
    return SourceValues.decimal(new BigDecimal(value.n()));
  }

  private static String entryText(@Nullable AttributeValue value, String name) {
    if (value == null || value.s() == null) {
      throw new IllegalStateException("history entry has no string attribute " + name);
    }
    return value.s();
  }

  /**
   * The transfer item of one transfer of a ticket (SPEC §2). Public so the live transfer path and
   * the transfer-item rebuild write the same item the migration does.
   */
  public static Map<String, AttributeValue> transferItem(
      String ticketId,
      String eventId,
      String fromId,
      String toId,
      String transactionAt,
      String price) {
    String indexSk = KeyFormats.transferIndexSk(transactionAt, ticketId);
    Map<String, AttributeValue> item =
        ticketSalesItem(
            ticketId, KeyFormats.transferSk(transactionAt, toId), Entity.TRANSFER, eventId);
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

  /**
   * A ticket's item keyed by {@code sk} under the ticket's PK, with its entity, ticket and event.
   */
  private static Map<String, AttributeValue> ticketSalesItem(
      String ticketId, String sk, Entity entity, String eventId) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(Attr.PK, Items.s(KeyFormats.ticketPk(ticketId)));
    item.put(Attr.SK, Items.s(sk));
    item.put(Attr.ENTITY, Items.s(entity.name()));
    item.put(Attr.TICKET_ID, Items.n(ticketId));
    item.put(Attr.EVENT_ID, Items.n(eventId));
    return item;
  }
}
