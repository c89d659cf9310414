package dev.ticketmigration.pipelines;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the exception a failed pipeline throws into one line that names the failing system (the
 * source or DynamoDB), the cause and what to do. The original stays in the logs; person data never
 * reaches the message (only exception types and their first line).
 *
 * <p>The system is told by the exception types in the cause chain, not by words in the messages: a
 * source read that times out or is reset says "timed out" or "connect" just like DynamoDB does.
 */
final class RunFailures {
  private RunFailures() {}

  /** Packages of the JDBC drivers (and the pool JdbcIO uses) whose own types mark the source. */
  private static final List<String> SOURCE_PACKAGES =
      List.of(
          "java.sql.",
          "org.postgresql.",
          "org.mariadb.jdbc.",
          "com.mysql.",
          "com.microsoft.sqlserver.",
          "org.h2.",
          "org.apache.commons.dbcp2.");

  /** Beam DynamoDBIO's own failure when unprocessed items outlast its re-sends (no SDK cause). */
  private static final String UNPROCESSED_ITEMS = "unprocessed items remaining";

  /** One exception of the chain: its type (for Flink's SerializedThrowable, the original one). */
  private record Link(Throwable throwable, String type, String message) {}

  static String explain(Throwable failure) {
    List<Link> chain = chain(failure);
    Link root = chain.get(chain.size() - 1);
    Link source = chain.stream().filter(RunFailures::fromSource).findFirst().orElse(null);
    if (source != null) {
      return "the source database failed during the read ("
          + detail(source, root)
          + "): check --sourceUrl and the network to the source; if its reads time out or are"
          + " cut, lower --fetchSize or raise --readPartitions so each query is shorter, then"
          + " re-run; the migration is idempotent";
    }
    Link dynamo = chain.stream().filter(RunFailures::fromDynamo).findFirst().orElse(null);
    if (dynamo != null) {
      String text =
          String.join(" ", chain.stream().map(Link::message).toList()).toLowerCase(Locale.ROOT);
      if (text.contains("throughput")
          || text.contains("throttl")
          || text.contains(UNPROCESSED_ITEMS)) {
        return "DynamoDB kept throttling or returning unprocessed items after every retry ("
            + SourceInspector.firstLine(root.message())
            + "): lower --maxWriteRate or raise the table's capacity, then re-run; items already"
            + " written are rewritten unchanged";
      }
      if (chain.stream()
          .anyMatch(
              l ->
                  l.throwable() instanceof SdkClientException
                      || l.type().equals(SdkClientException.class.getName()))) {
        return "DynamoDB could not be reached after every retry ("
            + SourceInspector.firstLine(root.message())
            + "): check --dynamoEndpoint and the network, then re-run; the migration is idempotent";
      }
      return "DynamoDB refused a request ("
          + detail(dynamo, root)
          + "): check the target tables and the permissions (docs/iam-policy.json), then re-run;"
          + " the migration is idempotent";
    }
    return simpleName(root.type()) + ": " + SourceInspector.firstLine(root.message());
  }

  private static boolean fromSource(Link link) {
    return link.throwable() instanceof SQLException
        || SOURCE_PACKAGES.stream().anyMatch(link.type()::startsWith);
  }

  private static boolean fromDynamo(Link link) {
    return link.throwable() instanceof SdkException
        || link.type().startsWith("software.amazon.awssdk.")
        || (link.message() != null
            && link.message().toLowerCase(Locale.ROOT).contains(UNPROCESSED_ITEMS));
  }

  /** The failing system's first line, and the root cause's when it says more. */
  private static String detail(Link system, Link root) {
    String first = SourceInspector.firstLine(system.message());
    if (root.equals(system)) {
      return first;
    }
    String cause = simpleName(root.type()) + ": " + SourceInspector.firstLine(root.message());
    return first.contains(SourceInspector.firstLine(root.message())) ? first : first + "; " + cause;
  }

  private static List<Link> chain(Throwable failure) {
    List<Link> links = new ArrayList<>();
    IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      String type = originalType(t);
      String message = t.getMessage();
      if (message != null
          && !type.equals(t.getClass().getName())
          && message.startsWith(type + ": ")) {
        message = message.substring(type.length() + 2); // Flink puts the type before the message
      }
      links.add(new Link(t, type, message));
    }
    return links;
  }

  /**
   * The class name, or for Flink's SerializedThrowable (a failure whose classes the client may not
   * have, so read by reflection) the name of the exception it stands for.
   */
  private static String originalType(Throwable t) {
    if (t.getClass().getSimpleName().equals("SerializedThrowable")) {
      try {
        Method original = t.getClass().getMethod("getOriginalErrorClassName");
        Object name = original.invoke(t);
        if (name instanceof String s && !s.isEmpty()) {
          return s;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not Flink's: take the class as it is
      }
    }
    return t.getClass().getName();
  }

  private static String simpleName(String type) {
    return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
  }
}
