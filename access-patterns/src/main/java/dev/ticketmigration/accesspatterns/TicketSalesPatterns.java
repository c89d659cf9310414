package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.SourceValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ticket questions and write paths of SPEC §3 on the {@code ticket_sales} table. Every read is
 * one paginated Query on the GSI the SPEC names, answered in that index's sort order; every write
 * is one conditional UpdateItem on the ticket item (see {@link TicketWritePaths} for why that is
 * safe without transactions).
 *
 * <pre>{@code
 * var sales = new TicketSalesPatterns(client, TargetTable.TICKET_SALES.tableName(prefix));
 * List<TicketSummary> mine = sales.ticketsOwnedBy(42);
 * }</pre>
 */
public final class TicketSalesPatterns {
  private final Partitions reads;
  private final TicketWritePaths writes;

  /** Patterns on {@code tableName}, e.g. {@code TargetTable.TICKET_SALES.tableName(prefix)}. */
  public TicketSalesPatterns(DynamoDbClient client, String tableName) {
    this(new Partitions(client, tableName, null));
  }

  private TicketSalesPatterns(Partitions reads) {
    this.reads = reads;
    this.writes = new TicketWritePaths(reads.client(), reads.tableName());
  }

  /**
   * The same patterns reading at most {@code pageSize} items per Query page (default: 1 MB pages).
   */
  public TicketSalesPatterns withPageSize(int pageSize) {
    return new TicketSalesPatterns(reads.withPageSize(pageSize));
  }

  /** Pattern 1, tickets I own (GSI1): by event start, then ticket id. */
  public List<TicketSummary> ticketsOwnedBy(long ownerId) {
    return reads.index(
        1,
        KeyFormats.ownerPk(TicketChange.id(ownerId, "owner id")),
        TicketSummary::fromItem,
        TicketSummary.TIE_BREAK);
  }

  /**
   * Pattern 2, tickets available for a venue and date (GSI2, sparse: unsold tickets only), by seat.
   * The date is the event's start date.
   */
  public List<TicketSummary> availableTickets(long locationId, LocalDate eventDate) {
    String partition =
        KeyFormats.availablePk(
            TicketChange.id(locationId, "location id"),
            SourceValues.date(Objects.requireNonNull(eventDate, "eventDate")));
    return reads.index(2, partition, TicketSummary::fromItem, TicketSummary.TIE_BREAK);
  }

  /** Pattern 5, tickets I transferred to someone else (GSI3): by transfer time, then ticket id. */
  public List<TicketTransfer> transfersFrom(long personId) {
    String partition = KeyFormats.fromPk(TicketChange.id(personId, "person id"));
    return reads.index(3, partition, TicketTransfer::fromItem, TicketTransfer.TIE_BREAK);
  }

  /** Pattern 6, tickets transferred to me (GSI4): by transfer time, then ticket id. */
  public List<TicketTransfer> transfersTo(long personId) {
    String partition = KeyFormats.toPk(TicketChange.id(personId, "person id"));
    return reads.index(4, partition, TicketTransfer::fromItem, TicketTransfer.TIE_BREAK);
  }

  /**
   * Pattern 3: buys an AVAILABLE ticket with one conditional UpdateItem ({@code status =
   * AVAILABLE}) that sets SOLD, the owner, the counters and GSI1 keys, appends the purchase to the
   * history and removes the GSI2 keys, so the ticket leaves "available" and joins "owned" in one
   * step. Replaying the identical purchase answers {@link PurchaseOutcome#PURCHASED} again.
   *
   * @param at the purchase time; written to whole seconds like the source's datetime
   * @param price a {@link dev.ticketmigration.schemas.SmallMoney} amount
   */
  public PurchaseOutcome purchase(long ticketId, long buyerId, LocalDateTime at, BigDecimal price) {
    return writes.purchase(TicketChange.of(ticketId, buyerId, at, price));
  }

  /**
   * Pattern 4: moves a held ticket from its owner to {@code toId} with one conditional UpdateItem
   * ({@code owner_id = from}, status SOLD or TRANSFERRED, later than the last transaction): the
   * ticket item is the commit point. The transfer item is put right after, idempotently; if that
   * put is lost, replaying the same call or {@link #rebuildTransferItems} writes it.
   */
  public TransferOutcome transfer(
      long ticketId, long fromOwnerId, long toId, LocalDateTime at, BigDecimal price) {
    if (fromOwnerId == toId) {
      throw new IllegalArgumentException(
          "a ticket cannot be transferred to its own holder " + toId);
    }
    return writes.transfer(
        TicketChange.of(ticketId, toId, at, price), TicketChange.id(fromOwnerId, "owner id"));
  }

  /**
   * The recovery path for lost transfer items (there are no transactions): recreates, from the
   * ticket's history, every transfer item that is missing. Existing items are left alone; safe to
   * run any time, any number of times.
   *
   * @return how many transfer items were written
   */
  public int rebuildTransferItems(long ticketId) {
    return writes.rebuildTransferItems(TicketChange.id(ticketId, "ticket id"));
  }
}
