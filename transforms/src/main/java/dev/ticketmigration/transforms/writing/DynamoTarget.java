package dev.ticketmigration.transforms.writing;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.common.RetryConfiguration;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
  private final String region;
  private final String tablePrefix;
  private final int maxRetries;
  private final long maxBackoffMillis;
  private final boolean localCredentials;
  // the user's credentials for clients the launcher builds itself (table checks); workers take
  // theirs from the pipeline options, which Beam serializes to them
  private final transient @Nullable AwsCredentialsProvider userCredentials;

  private DynamoTarget(
      @Nullable String endpoint,
      String region,
      String tablePrefix,
      int maxRetries,
      long maxBackoffMillis,
      boolean localCredentials,
      @Nullable AwsCredentialsProvider userCredentials) {
    this.endpoint = endpoint;
    this.region = region;
    this.tablePrefix = tablePrefix;
    this.maxRetries = maxRetries;
    this.maxBackoffMillis = maxBackoffMillis;
    this.localCredentials = localCredentials;
    this.userCredentials = userCredentials;
  }

  /** Real AWS in {@code region}, signed with the user's credentials. */
  public static DynamoTarget aws(String region) {
    return new DynamoTarget(
        null,
        Objects.requireNonNull(region, "region"),
        "",
        10,
        DEFAULT_MAX_BACKOFF_MILLIS,
        false,
        null);
  }

  /**
   * Another endpoint for the same service (VPC interface, FIPS or regional endpoint, a compatible
   * server), signed with the user's credentials for {@code region}.
   */
  public static DynamoTarget endpoint(String endpoint, String region) {
    return new DynamoTarget(
        Objects.requireNonNull(endpoint, "endpoint"),
        Objects.requireNonNull(region, "region"),
        "",
        10,
        DEFAULT_MAX_BACKOFF_MILLIS,
        false,
        null);
  }

  /**
   * A local DynamoDB that checks no signature (dynalite) at {@code endpoint}, e.g. {@code
   * http://127.0.0.1:8000}, signed with a fixed dummy key.
   */
  public static DynamoTarget local(String endpoint) {
    return new DynamoTarget(
        Objects.requireNonNull(endpoint, "endpoint"),
        "us-east-1",
        "",
        10,
        DEFAULT_MAX_BACKOFF_MILLIS,
        true,
        null);
  }

  public DynamoTarget withRegion(String region) {
    return new DynamoTarget(
        endpoint,
        Objects.requireNonNull(region),
        tablePrefix,
        maxRetries,
        maxBackoffMillis,
        localCredentials,
        userCredentials);
  }

  /** Physical table names are the SPEC's names behind this prefix. */
  public DynamoTarget withTablePrefix(String prefix) {
    return new DynamoTarget(
        endpoint,
        region,
        prefix == null ? "" : prefix,
        maxRetries,
        maxBackoffMillis,
        localCredentials,
        userCredentials);
  }

  /** Retries of throttled, failed and unprocessed writes, with exponential backoff. */
  public DynamoTarget withMaxRetries(int maxRetries) {
    return new DynamoTarget(
        endpoint,
        region,
        tablePrefix,
        maxRetries,
        maxBackoffMillis,
        localCredentials,
        userCredentials);
  }

  /**
   * The longest wait between two retries (throttled, failed, or unprocessed items re-sent): the
   * waits grow from 100 ms (500 ms when throttled) up to it.
   */
  public DynamoTarget withMaxBackoffMillis(long millis) {
    return new DynamoTarget(
        endpoint, region, tablePrefix, maxRetries, millis, localCredentials, userCredentials);
  }

  /**
   * The user's credentials (e.g. Beam's {@code --awsCredentialsProvider}) for the clients this
   * process builds; without it they use the default chain. Ignored for a local DynamoDB.
   */
  public DynamoTarget withUserCredentials(AwsCredentialsProvider credentials) {
    return new DynamoTarget(
        endpoint,
        region,
        tablePrefix,
        maxRetries,
        maxBackoffMillis,
        localCredentials,
        Objects.requireNonNull(credentials));
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
    AwsCredentialsProvider credentials =
        localCredentials
            ? localKey()
            : userCredentials != null ? userCredentials : DefaultCredentialsProvider.create();
    var builder =
        DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials);
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
