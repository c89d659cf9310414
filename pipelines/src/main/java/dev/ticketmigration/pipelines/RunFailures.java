package dev.ticketmigration.pipelines;

/**
 * Turns the exception a failed pipeline throws into one line that names the cause and what to do.
 * The original stays in the logs; person data never reaches the message (only exception types and
 * their first line).
 */
final class RunFailures {
  private RunFailures() {}

  static String explain(Throwable failure) {
    Throwable root = failure;
    String chain = "";
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      chain += " " + t.getClass().getSimpleName() + ": " + t.getMessage();
      root = t;
    }
    String lower = chain.toLowerCase();
    if (lower.contains("throughput") || lower.contains("throttl")
        || lower.contains("unprocessed items remaining")) {
      return "DynamoDB kept throttling or returning unprocessed items after every retry ("
          + SourceInspector.firstLine(root.getMessage())
          + "): lower --maxWriteRate or raise the table's capacity, then re-run; items already"
          + " written are rewritten unchanged";
    }
    if (lower.contains("unable to execute http request") || lower.contains("connect")
        || lower.contains("timed out") || lower.contains("timeout")) {
      return "DynamoDB could not be reached after every retry ("
          + SourceInspector.firstLine(root.getMessage())
          + "): check --dynamoEndpoint and the network, then re-run; the migration is idempotent";
    }
    if (lower.contains("sqlexception") || lower.contains("psqlexception")
        || lower.contains("sqlnontransient")) {
      return "the source database failed during the read ("
          + SourceInspector.firstLine(root.getMessage())
          + "): check the source and re-run; the migration is idempotent";
    }
    return root.getClass().getSimpleName() + ": " + SourceInspector.firstLine(root.getMessage());
  }
}
