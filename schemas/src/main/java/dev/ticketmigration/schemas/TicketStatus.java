package dev.ticketmigration.schemas;

/** The state of a ticket item (SPEC §2). */
public enum TicketStatus {
  /** No holder. */
  AVAILABLE,
  /** A holder, and the last history row is a purchase. */
  SOLD,
  /** A holder, and the last history row is a transfer. */
  TRANSFERRED
}
