package dev.ticketmigration.pipelines.sync;

/** The sync cannot go on; the message says why and what to do. */
public final class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SyncException(String message) {
    super(message);
  }

  public SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
