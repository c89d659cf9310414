package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** A failed run is blamed on the system whose exception types are in the cause chain. */
class RunFailuresTest {

  @Test
  void sourceFailuresNameTheSourceEvenWhenTheyTalkOfTimeoutsAndConnections() {
    for (Throwable failure :
        new Throwable[] {
          new PipelineExecutionException(
              new SQLException(
                  "An I/O error occurred while sending to" + " the backend.",
                  "08006",
                  new SocketTimeoutException("Read timed out"))),
          new PipelineExecutionException(
              new SQLNonTransientConnectionException(
                  "Socket error", new SocketException("Connection reset"))),
          new RuntimeException(
              "java.sql.SQLException: Cannot create PoolableConnectionFactory",
              new SQLException(
                  "Connection to 127.0.0.1:1 refused.",
                  new ConnectException("Connection refused"))),
          // Flink: the client may only see SerializedThrowable stand-ins for the driver's types
          new RuntimeException(
              "Job failed",
              new SerializedThrowable(
                  "org.postgresql.util.PSQLException",
                  "An I/O error occurred while sending to the" + " backend.",
                  new SerializedThrowable("java.net.SocketException", "Connection reset", null)))
        }) {
      String line = RunFailures.explain(failure);
      assertTrue(line.startsWith("the source database failed"), line);
      assertTrue(line.contains("--sourceUrl"), line);
      assertTrue(line.contains("--fetchSize") && line.contains("--readPartitions"), line);
      assertFalse(line.contains("DynamoDB"), line);
    }
  }

  @Test
  void dynamoFailuresNameDynamo() {
    String throttled =
        explainFailed(
            ProvisionedThroughputExceededException.builder(),
            "The level of configured provisioned throughput for the table was exceeded.");
    assertTrue(throttled.startsWith("DynamoDB kept throttling"), throttled);

    String unprocessed =
        RunFailures.explain(
            new PipelineExecutionException(
                new IOException("Error writing to DynamoDB. Unprocessed items remaining")));
    assertTrue(unprocessed.startsWith("DynamoDB kept throttling"), unprocessed);

    String unreachable =
        RunFailures.explain(
            new PipelineExecutionException(
                SdkClientException.create(
                    "Unable to execute HTTP request: Connect to 127.0.0.1:1 failed",
                    new ConnectException("Connection refused"))));
    assertTrue(unreachable.startsWith("DynamoDB could not be reached"), unreachable);
    assertTrue(unreachable.contains("--dynamoEndpoint"), unreachable);

    String flink =
        RunFailures.explain(
            new RuntimeException(
                "Job failed",
                new SerializedThrowable(
                    "software.amazon.awssdk.core.exception.SdkClientException",
                    "Unable to execute HTTP request: Read timed out",
                    null)));
    assertTrue(flink.startsWith("DynamoDB could not be reached"), flink);

    String refused =
        explainFailed(
            DynamoDbException.builder(),
            "User is not authorized to perform" + " dynamodb:BatchWriteItem");
    assertTrue(refused.startsWith("DynamoDB refused a request"), refused);
    assertTrue(refused.contains("not authorized"), refused);
  }

  /**
   * The line for a run that failed with the DynamoDB error {@code error} saying {@code message}.
   */
  private static String explainFailed(DynamoDbException.Builder error, String message) {
    return RunFailures.explain(new PipelineExecutionException(error.message(message).build()));
  }

  @Test
  void anythingElseIsItsTypeAndFirstLine() {
    String line =
        RunFailures.explain(
            new PipelineExecutionException(
                new IllegalStateException("connect timed out\nsecond line")));
    assertTrue(line.equals("IllegalStateException: connect timed out"), line);
  }

  /**
   * Shaped like Flink's {@code org.apache.flink.util.SerializedThrowable} (Flink 1.19): the
   * original type by name only, the message prefixed with it.
   */
  static final class SerializedThrowable extends Exception {
    private static final long serialVersionUID = 1L;
    private final String original;

    SerializedThrowable(String original, String message, Throwable cause) {
      super(original + ": " + message, cause);
      this.original = original;
    }

    public String getOriginalErrorClassName() {
      return original;
    }
  }
}
