package dev.ticketmigration.pipelines;

/**
 * A problem the user can fix (bad option, unreachable service, missing table). Its message is one
 * line that names the problem and the fix, printed without a stack trace.
 */
public final class MigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
