package dev.ticketmigration.transforms.plan;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Gathers items into bundles of a few hundred before the plan's statistics. Behind a join the
 * DirectRunner hands every grouped key on as a bundle of its own, and a combine over few keys
 * (items per entity, size quantiles, hot keys) then copies its whole state for every bundle: time
 * quadratic in the items (a 12,000-ticket plan ran over ten minutes). Out of batches, each batch is
 * one bundle, so the combines see a handful of partial results instead. Other runners bundle well
 * already; for them this is one more, cheap, keyed step of a dry run.
 */
public final class Rebundle
    extends PTransform<
        PCollection<Map<String, AttributeValue>>, PCollection<Map<String, AttributeValue>>> {
  /** Few keys, so batches fill; more than a worker's slots, so the work still spreads. */
  static final int SHARDS = 16;

  static final int BATCH = 200;

  private Rebundle() {}

  public static Rebundle items() {
    return new Rebundle();
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(
      PCollection<Map<String, AttributeValue>> items) {
    return items
        .apply(
            "ShardOf",
            WithKeys.of(
                    (Map<String, AttributeValue> item) ->
                        Math.floorMod(Items.key(item).hashCode(), SHARDS))
                .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ItemCoder.of()))
        .apply("Batch", GroupIntoBatches.ofSize(BATCH))
        .apply("Batches", Values.create())
        .apply("Unbatch", Flatten.iterables())
        .setCoder(ItemCoder.of());
  }
}
