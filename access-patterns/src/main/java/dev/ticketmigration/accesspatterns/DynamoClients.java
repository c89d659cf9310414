package dev.ticketmigration.accesspatterns;

import java.net.URI;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client {@code Ask} uses, chosen like the migration's target: an explicit endpoint
 * (a local DynamoDB such as dynalite, which ignores credentials but the SDK needs some) or real
 * AWS through the default credential and region chains.
 */
final class DynamoClients {
  private DynamoClients() {}

  private static final String LOCAL_REGION = "us-east-1";

  /**
   * A client for {@code endpoint} (null for real AWS) in {@code region} (null for the default
   * chain, or us-east-1 with an endpoint); the caller closes it.
   *
   * @throws IllegalArgumentException when the endpoint is not an http(s) URL or no region is set
   */
  static DynamoDbClient create(@Nullable String endpoint, @Nullable String region) {
    var builder = DynamoDbClient.builder();
    if (endpoint != null) {
      if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
        throw new IllegalArgumentException(
            "--dynamoEndpoint '" + endpoint + "' is not an http(s) URL, e.g. http://127.0.0.1:8000");
      }
      builder
          .endpointOverride(URI.create(endpoint))
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .region(Region.of(region != null ? region : LOCAL_REGION));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.create()).region(Region.of(awsRegion(region)));
    }
    return builder.build();
  }

  private static String awsRegion(@Nullable String region) {
    if (region != null) {
      return region;
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "no AWS region for DynamoDB: pass --dynamoRegion (e.g. us-east-1) or set AWS_REGION");
    }
  }
}
