package dev.ticketmigration.transforms.writing;

import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Beam's default AWS client factory plus {@link WriteMetricsInterceptor}, so the retries Beam's
 * DynamoDBIO and the SDK make are visible in the run's metrics. Selected with {@link
 * #install(AwsOptions)}; Beam instantiates it on every worker from the options.
 */
public final class InstrumentedClientBuilderFactory implements ClientBuilderFactory {

  /** Makes every AWS client of the pipeline built with these options instrumented. */
  public static void install(AwsOptions options) {
    options.setClientBuilderFactory(InstrumentedClientBuilderFactory.class);
  }

  @Override
  public <BuilderT extends AwsClientBuilder<BuilderT, ClientT>, ClientT> BuilderT create(
      BuilderT builder, ClientConfiguration config, @Nullable AwsOptions options) {
    BuilderT configured = ClientBuilderFactory.defaultFactory().create(builder, config, options);
    ClientOverrideConfiguration current = configured.overrideConfiguration();
    ClientOverrideConfiguration.Builder override =
        current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
    return configured.overrideConfiguration(
        override.addExecutionInterceptor(new WriteMetricsInterceptor()).build());
  }

  @Override
  public void checkConfiguration(ClientConfiguration config, @Nullable AwsOptions options) {
    ClientBuilderFactory.defaultFactory().checkConfiguration(config, options);
  }
}
