package dev.ticketmigration.changelog;

/**
 * The change log cannot be read, or stopped being read: the message says what to enable or which
 * setting to change (one line, meant for the operator).
 */
public class ChangeLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChangeLogException(String message) {
    super(message);
  }

  public ChangeLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
