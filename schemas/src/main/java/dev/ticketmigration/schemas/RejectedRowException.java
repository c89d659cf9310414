package dev.ticketmigration.schemas;

/**
 * A source row (or a ticket's group of rows) that cannot become a correct item. Thrown by the item
 * builders and turned into a dead letter by the calling step; it is data, not a crash, so it
 * carries no stack trace.
 */
public final class RejectedRowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RejectedRowException(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
