package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.ItemCoder;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.util.concurrent.RateLimiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lets items pass at no more than a fixed rate per JVM, shared by every step and thread of the
 * JVM (Guava's smooth token bucket), so a migration into a live table leaves capacity to
 * production traffic.
 */
public final class ThrottleItems
    extends PTransform<
        PCollection<Map<String, AttributeValue>>, PCollection<Map<String, AttributeValue>>> {
  private final double itemsPerSecond;

  private ThrottleItems(double itemsPerSecond) {
    this.itemsPerSecond = itemsPerSecond;
  }

  public static ThrottleItems perJvm(double itemsPerSecond) {
    if (itemsPerSecond <= 0) {
      throw new IllegalArgumentException("items per second must be positive");
    }
    return new ThrottleItems(itemsPerSecond);
  }

  private static RateLimiter shared;

  /** One limiter per JVM; a new rate replaces it (a new run in the same JVM). */
  static synchronized RateLimiter limiter(double rate) {
    if (shared == null || shared.getRate() != rate) {
      shared = RateLimiter.create(rate);
    }
    return shared;
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(
      PCollection<Map<String, AttributeValue>> items) {
    return items.apply(ParDo.of(new ThrottleFn(itemsPerSecond))).setCoder(ItemCoder.of());
  }

  static final class ThrottleFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    private final double rate;
    private transient RateLimiter limiter;

    ThrottleFn(double rate) {
      this.rate = rate;
    }

    @Setup
    public void setup() {
      limiter = limiter(rate);
    }

    @ProcessElement
    public void processElement(
        @Element Map<String, AttributeValue> item,
        OutputReceiver<Map<String, AttributeValue>> out) {
      limiter.acquire();
      out.output(item);
    }
  }
}
