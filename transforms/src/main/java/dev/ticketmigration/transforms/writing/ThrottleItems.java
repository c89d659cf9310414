package dev.ticketmigration.transforms.writing;

import dev.ticketmigration.schemas.ItemCoder;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lets items pass at no more than a fixed rate per JVM, shared by every step and thread of the JVM,
 * so a migration into a live table leaves capacity to production traffic. Items are paced one
 * interval apart with no stored burst (a token bucket would let a second's worth through at once
 * after an idle phase, e.g. while the join runs).
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

  private static Pacer shared;

  /** One pacer per JVM; a new rate replaces it (a new run in the same JVM). */
  static synchronized Pacer pacer(double rate) {
    if (shared == null || shared.rate != rate) {
      shared = new Pacer(rate);
    }
    return shared;
  }

  /** Hands out passage times one interval apart; callers sleep until theirs. */
  static final class Pacer {
    private final double rate;
    private final long intervalNanos;
    private long next;

    Pacer(double rate) {
      this.rate = rate;
      this.intervalNanos = (long) (1e9 / rate);
      this.next = System.nanoTime();
    }

    void acquire() {
      long slot;
      synchronized (this) {
        long now = System.nanoTime();
        slot = Math.max(next, now);
        next = slot + intervalNanos;
      }
      long wait = slot - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while pacing writes", e);
        }
      }
    }
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(
      PCollection<Map<String, AttributeValue>> items) {
    return items.apply(ParDo.of(new ThrottleFn(itemsPerSecond))).setCoder(ItemCoder.of());
  }

  static final class ThrottleFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    private final double rate;
    private transient Pacer limiter;

    ThrottleFn(double rate) {
      this.rate = rate;
    }

    @Setup
    public void setup() {
      limiter = pacer(rate);
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
