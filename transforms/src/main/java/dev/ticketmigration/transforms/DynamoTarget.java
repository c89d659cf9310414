package dev.ticketmigration.transforms;

import java.io.Serializable;
import java.net.URI;
import org.joda.time.Duration;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.common.RetryConfiguration;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which DynamoDB to write to: an explicit endpoint (a local DynamoDB such as dynalite, reached with
 * dummy credentials) or, without one, real AWS through the default credential chain.
 */
public final class DynamoTarget implements Serializable {
  private static final long serialVersionUID = 1L;

  private final @Nullable String endpoint;
  private final String region;
  private final String tablePrefix;
  private final int maxRetries;

  private DynamoTarget(
      @Nullable String endpoint, String region, String tablePrefix, int maxRetries) {
    this.endpoint = endpoint;
    this.region = region;
    this.tablePrefix = tablePrefix;
    this.maxRetries = maxRetries;
  }

  /** Real AWS in {@code region}, credentials from the default chain. */
  public static DynamoTarget aws(String region) {
    return new DynamoTarget(null, Objects.requireNonNull(region, "region"), "", 10);
  }

  /** A DynamoDB-compatible server at {@code endpoint}, e.g. {@code http://127.0.0.1:8000}. */
  public static DynamoTarget local(String endpoint) {
    return new DynamoTarget(Objects.requireNonNull(endpoint, "endpoint"), "us-east-1", "", 10);
  }

  public DynamoTarget withRegion(String region) {
    return new DynamoTarget(endpoint, Objects.requireNonNull(region), tablePrefix, maxRetries);
  }

  /** Physical table names are the SPEC's names behind this prefix. */
  public DynamoTarget withTablePrefix(String prefix) {
    return new DynamoTarget(endpoint, region, prefix == null ? "" : prefix, maxRetries);
  }

  /** Retries of throttled, failed and unprocessed writes, with exponential backoff. */
  public DynamoTarget withMaxRetries(int maxRetries) {
    return new DynamoTarget(endpoint, region, tablePrefix, maxRetries);
  }

  public @Nullable String endpoint() {
    return endpoint;
  }

  public String region() {
    return region;
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  private AwsCredentialsProvider credentials() {
    // a local endpoint ignores credentials but the SDK requires some
    return endpoint != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
        : DefaultCredentialsProvider.create();
  }

  /** Client settings for Beam's DynamoDBIO. */
  public ClientConfiguration clientConfiguration() {
    ClientConfiguration.Builder builder =
        ClientConfiguration.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .retry(
                RetryConfiguration.builder()
                    .numRetries(maxRetries)
                    .baseBackoff(Duration.millis(100))
                    .throttledBaseBackoff(Duration.millis(500))
                    // without a ceiling a stuck batch would back off for hours
                    .maxBackoff(Duration.standardSeconds(20))
                    .build());
    if (endpoint != null) {
      builder.endpoint(URI.create(endpoint));
    }
    return builder.build();
  }

  /** A client for table administration and checks; the caller closes it. */
  public DynamoDbClient newClient() {
    var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /** Where the run writes, for logs and reports. */
  public String describe() {
    return endpoint != null ? endpoint : "AWS DynamoDB in " + region;
  }
}
