package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.transforms.writing.DynamoTarget;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client {@code Ask} uses, chosen like the migration's target ({@link DynamoTarget}):
 * real AWS or another endpoint, signed with the user's credentials from the default chain, or a
 * local DynamoDB declared with {@code --dynamoLocal}, signed with a dummy key.
 */
final class DynamoClients {
  private DynamoClients() {}

  /**
   * A client for {@code endpoint} (null for real AWS) in {@code region} (null for the default
   * chain; us-east-1 for a local DynamoDB); the caller closes it.
   *
   * @throws IllegalArgumentException when the endpoint is not an http(s) URL or no region is set
   */
  static DynamoDbClient create(@Nullable String endpoint, @Nullable String region, boolean local) {
    if (endpoint != null && !endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException(
          "--dynamoEndpoint '" + endpoint + "' is not an http(s) URL, e.g. http://127.0.0.1:8000");
    }
    DynamoTarget target;
    if (endpoint != null && local) {
      target = DynamoTarget.local(endpoint);
      if (region != null) {
        target = target.withRegion(region);
      }
    } else if (endpoint != null) {
      target = DynamoTarget.endpoint(endpoint, awsRegion(region));
    } else {
      target = DynamoTarget.aws(awsRegion(region));
    }
    return target.newClient();
  }

  private static String awsRegion(@Nullable String region) {
    if (region != null) {
      return region;
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "no AWS region for DynamoDB: pass --dynamoRegion (e.g. us-east-1) or set AWS_REGION"
              + " (for a local DynamoDB that checks no signature add --dynamoLocal true)");
    }
  }
}
