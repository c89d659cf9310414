package dev.ticketmigration.transforms.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The write-rate cap holds within 10 %, shared by every thread of the JVM. */
class ThrottleItemsTest {

  @Test
  void pacerHoldsTheRateAcrossThreads() throws Exception {
    ThrottleItems.Pacer pacer = new ThrottleItems.Pacer(400);
    ConcurrentLinkedQueue<Long> passed = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 1_200; i++) {
      threads.execute(
          () -> {
            pacer.acquire();
            passed.add(System.nanoTime());
          });
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
    List<Long> times = new ArrayList<>(passed);
    times.sort(null);
    double rate = (times.size() - 1) / ((times.get(times.size() - 1) - times.get(0)) / 1e9);
    assertTrue(rate <= 400 * 1.10 && rate >= 400 * 0.90, "measured " + rate + " items/s");
  }

  static final class CountFn extends DoFn<Map<String, AttributeValue>, Void> {
    static final ConcurrentLinkedQueue<Boolean> SEEN = new ConcurrentLinkedQueue<>();

    @ProcessElement
    public void processElement() {
      SEEN.add(true);
    }
  }

  @Test
  void aPipelineStepNeverExceedsTheCap() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      items.add(Map.of("PK", Items.s("P" + i), "SK", Items.s("S")));
    }
    CountFn.SEEN.clear();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
    p.apply(Create.of(items).withCoder(ItemCoder.of()))
        .apply(ThrottleItems.perJvm(300))
        .apply(ParDo.of(new CountFn()));
    long start = System.nanoTime();
    p.run().waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(600, CountFn.SEEN.size());
    // 600 items at 300/s need 2 s at least, whatever the parallelism
    assertTrue(seconds >= 2.0 * 0.9, "600 items passed in " + seconds + " s");
  }
}
