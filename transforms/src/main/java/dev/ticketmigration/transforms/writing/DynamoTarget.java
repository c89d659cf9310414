package dev.ticketmigration.transforms.writing;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.common.RetryConfiguration;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.retry.backoff.EqualJitterBackoffStrategy;
import software.amazon.awssdk.core.retry.backoff.FullJitterBackoffStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which DynamoDB to write to and who signs the requests. An endpoint override changes only where
 * requests go: they are signed with the user's credentials (the default AWS chain, or Beam's {@code
 * --awsCredentialsProvider}) whether they go to AWS's own endpoint, a VPC, FIPS or regional
 * endpoint, or a DynamoDB-compatible server. Only a local DynamoDB that checks no signature (the
 * dynalite this tool starts, or one the user declares local) gets a fixed dummy key.
 */
public final class DynamoTarget implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Longest wait between two retries of a call, unless set otherwise. */
  public static final long DEFAULT_MAX_BACKOFF_MILLIS = 20_000;

  /** The dummy key a local DynamoDB is signed with: it checks none, but the SDK needs one. */
  public static final String LOCAL_ACCESS_KEY = "local";

  private final @Nullable String endpoint;
  private String region;
  private final boolean localCredentials;
  private String tablePrefix = "";
  private int maxRetries = 10;
  private long maxBackoffMillis = DEFAULT_MAX_BACKOFF_MILLIS;
  // the user's credentials for clients the launcher builds itself (table checks); workers take
  // theirs from the pipeline options, which Beam serializes to them
  private transient @Nullable AwsCredentialsProvider userCredentials;

  /** The default settings for a target; the {@code withX} methods change them on a copy only. */
  private DynamoTarget(@Nullable String endpoint, String region, boolean localCredentials) {
    this.endpoint = endpoint;
    this.region = Objects.requireNonNull(region, "region");
    this.localCredentials = localCredentials;
  }

  /** Real AWS in {@code region}, signed with the user's credentials. */
  public static DynamoTarget aws(String region) {
    return new DynamoTarget(null, region, false);
  }

  /**
   * Another endpoint for the same service (VPC interface, FIPS or regional endpoint, a compatible
   * server), signed with the user's credentials for {@code region}.
   */
  public static DynamoTarget endpoint(String endpoint, String region) {
    return new DynamoTarget(Objects.requireNonNull(endpoint, "endpoint"), region, false);
  }

  /**
   * A local DynamoDB that checks no signature (dynalite) at {@code endpoint}, e.g. {@code
   * http://127.0.0.1:8000}, signed with a fixed dummy key.
   */
  public static DynamoTarget local(String endpoint) {
    return new DynamoTarget(Objects.requireNonNull(endpoint, "endpoint"), "us-east-1", true);
  }

  /** A copy of this target with one setting changed: what every {@code withX} returns. */
  private DynamoTarget copy(Consumer<DynamoTarget> change) {
    DynamoTarget copy = new DynamoTarget(endpoint, region, localCredentials);
    copy.tablePrefix = tablePrefix;
    copy.maxRetries = maxRetries;
    copy.maxBackoffMillis = maxBackoffMillis;
    copy.userCredentials = userCredentials;
    change.accept(copy);
    return copy;
  }

  public DynamoTarget withRegion(String region) {
    return copy(c -> c.region = Objects.requireNonNull(region));
  }

  /** Physical table names are the SPEC's names behind this prefix. */
  public DynamoTarget withTablePrefix(String prefix) {
    return copy(c -> c.tablePrefix = prefix == null ? "" : prefix);
  }

  /** Retries of throttled, failed and unprocessed writes, with exponential backoff. */
  public DynamoTarget withMaxRetries(int maxRetries) {
    return copy(c -> c.maxRetries = maxRetries);
  }

  /**
   * The longest wait between two retries (throttled, failed, or unprocessed items re-sent): the
   * waits grow from 100 ms (500 ms when throttled) up to it.
   */
  public DynamoTarget withMaxBackoffMillis(long millis) {
    return copy(c -> c.maxBackoffMillis = millis);
  }

  /**
   * The user's credentials (e.g. Beam's {@code --awsCredentialsProvider}) for the clients this
   * process builds; without it they use the default chain. Ignored for a local DynamoDB.
   */
  public DynamoTarget withUserCredentials(AwsCredentialsProvider credentials) {
    return copy(c -> c.userCredentials = Objects.requireNonNull(credentials));
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

  /** Whether requests are signed with the dummy key of a local DynamoDB. */
  public boolean isLocal() {
    return localCredentials;
  }

  private AwsCredentialsProvider credentials() {
    return localCredentials
        ? localKey()
        : userCredentials != null ? userCredentials : DefaultCredentialsProvider.create();
  }

  private AwsCredentialsProvider localKey() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_ACCESS_KEY));
  }

  /**
   * Client settings for Beam's DynamoDBIO. Credentials are set only for a local DynamoDB: for any
   * other target Beam takes them from the pipeline options on every worker.
   */
  public ClientConfiguration clientConfiguration() {
    ClientConfiguration.Builder builder =
        ClientConfiguration.builder()
            .region(Region.of(region))
            .retry(
                RetryConfiguration.builder()
                    .numRetries(maxRetries)
                    .baseBackoff(Duration.millis(Math.min(100, maxBackoffMillis)))
                    .throttledBaseBackoff(Duration.millis(Math.min(500, maxBackoffMillis)))
                    // without a ceiling a stuck batch would back off for hours
                    .maxBackoff(Duration.millis(maxBackoffMillis))
                    .build());
    if (localCredentials) {
      builder.credentialsProvider(localKey());
    }
    if (endpoint != null) {
      builder.endpoint(URI.create(endpoint));
    }
    return builder.build();
  }

  /** A client for table administration and checks; the caller closes it. */
  public DynamoDbClient newClient() {
    var builder =
        DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /**
   * A client for single-item writes outside DynamoDBIO (the sync): throttling, 5xx and dropped
   * connections are retried {@link #withMaxRetries} times with jittered backoff up to {@link
   * #withMaxBackoffMillis}, like the bulk writes. The caller closes it.
   */
  public DynamoDbClient newWriteClient() {
    java.time.Duration ceiling = java.time.Duration.ofMillis(maxBackoffMillis);
    RetryPolicy retry =
        RetryPolicy.builder()
            .numRetries(maxRetries)
            .backoffStrategy(
                FullJitterBackoffStrategy.builder()
                    .baseDelay(java.time.Duration.ofMillis(Math.min(100, maxBackoffMillis)))
                    .maxBackoffTime(ceiling)
                    .build())
            .throttlingBackoffStrategy(
                EqualJitterBackoffStrategy.builder()
                    .baseDelay(java.time.Duration.ofMillis(Math.min(500, maxBackoffMillis)))
                    .maxBackoffTime(ceiling)
                    .build())
            .build();
    var builder =
        DynamoDbClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .overrideConfiguration(c -> c.retryPolicy(retry));
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /** Where the run writes, for logs and reports. */
  public String describe() {
    if (endpoint == null) {
      return "AWS DynamoDB in " + region;
    }
    return localCredentials ? endpoint : endpoint + " (" + region + ")";
  }
}
