package dev.ticketmigration.localdynamodb;

/** The local DynamoDB could not be found or started; the message says what to do. */
public final class LocalDynamoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalDynamoException(String message) {
    super(message);
  }
}
