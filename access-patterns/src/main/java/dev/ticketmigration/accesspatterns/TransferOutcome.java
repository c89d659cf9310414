package dev.ticketmigration.accesspatterns;

/** What {@link TicketSalesPatterns#transfer} did; only {@link #TRANSFERRED} changed the table. */
public enum TransferOutcome {
  /**
   * The ticket now belongs to the recipient and the transfer item exists (or this very transfer was
   * replayed).
   */
  TRANSFERRED,
  /** The giver does not hold the ticket (anymore), or it is unsold: nothing was written. */
  NOT_OWNER,
  /** No such ticket item. */
  NOT_FOUND,
  /**
   * The transfer is not later than the ticket's last transaction: appending it would break the
   * history's oldest-first order, so nothing was written.
   */
  OUT_OF_ORDER
}
