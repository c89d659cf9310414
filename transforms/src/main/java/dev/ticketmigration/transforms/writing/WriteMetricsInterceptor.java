package dev.ticketmigration.transforms.writing;

import dev.ticketmigration.transforms.MetricNames;
import org.apache.beam.sdk.metrics.Metrics;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * Counts what the DynamoDB client retries, as Beam metrics: HTTP attempts after the first of a call
 * (throttling, 5xx, dropped connections, timeouts), items DynamoDB handed back as UnprocessedItems,
 * and calls that failed for good. The client is synchronous, so these run on the thread of the step
 * that writes and land in its metrics.
 */
public final class WriteMetricsInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Integer> ATTEMPTS =
      new ExecutionAttribute<>("ticket-migration.attempts");

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
    Integer attempts = attrs.getAttribute(ATTEMPTS);
    int n = attempts == null ? 1 : attempts + 1;
    attrs.putAttribute(ATTEMPTS, n);
    if (n > 1) {
      Metrics.counter(MetricNames.NAMESPACE, MetricNames.DYNAMODB_RETRIES).inc();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
    if (context.response() instanceof BatchWriteItemResponse response
        && response.hasUnprocessedItems()) {
      long unprocessed =
          response.unprocessedItems().values().stream().mapToLong(java.util.List::size).sum();
      if (unprocessed > 0) {
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.DYNAMODB_UNPROCESSED).inc(unprocessed);
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
    Metrics.counter(MetricNames.NAMESPACE, MetricNames.DYNAMODB_FAILED_CALLS).inc();
  }
}
