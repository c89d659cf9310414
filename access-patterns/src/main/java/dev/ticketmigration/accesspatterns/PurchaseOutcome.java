package dev.ticketmigration.accesspatterns;

/** What {@link TicketSalesPatterns#purchase} did; only {@link #PURCHASED} changed the table. */
public enum PurchaseOutcome {
  /** The ticket was AVAILABLE and is now SOLD to the buyer (or this very purchase was replayed). */
  PURCHASED,
  /** Someone holds the ticket already: nothing was written. */
  ALREADY_SOLD,
  /** No such ticket item. */
  NOT_FOUND
}
