package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.ItemDigest;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares the items a source must produce with the items a table holds, by key and by a digest of
 * every attribute. Outputs a finding per missing, extra or different item, and what a repair must
 * write (the expected item) or delete (the extra item).
 */
public final class CompareItems extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Input: the items the source produces. */
  public static final TupleTag<Map<String, AttributeValue>> EXPECTED =
      new TupleTag<Map<String, AttributeValue>>() {};

  /** Input: the items the table holds. */
  public static final TupleTag<Map<String, AttributeValue>> ACTUAL =
      new TupleTag<Map<String, AttributeValue>>() {};

  public static final TupleTag<VerifyFinding> FINDINGS = new TupleTag<VerifyFinding>() {};

  /** Output: expected items that are missing or different, to put back. */
  public static final TupleTag<Map<String, AttributeValue>> TO_PUT =
      new TupleTag<Map<String, AttributeValue>>() {};

  /** Output: items no source row produces, to delete. */
  public static final TupleTag<Map<String, AttributeValue>> TO_DELETE =
      new TupleTag<Map<String, AttributeValue>>() {};

  private final String tableName;

  private CompareItems(String tableName) {
    this.tableName = Objects.requireNonNull(tableName);
  }

  /** Compares the items of the physical table {@code tableName}. */
  public static CompareItems of(String tableName) {
    return new CompareItems(tableName);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    KvCoder<String, Map<String, AttributeValue>> keyed =
        KvCoder.of(StringUtf8Coder.of(), ItemCoder.of());
    PCollection<KV<String, Map<String, AttributeValue>>> expected =
        input
            .get(EXPECTED)
            .apply("KeyExpected", WithKeys.of(Items::key).withKeyType(TypeDescriptors.strings()))
            .setCoder(keyed);
    PCollection<KV<String, Map<String, AttributeValue>>> actual =
        input
            .get(ACTUAL)
            .apply("KeyActual", WithKeys.of(Items::key).withKeyType(TypeDescriptors.strings()))
            .setCoder(keyed);
    PCollectionTuple out =
        KeyedPCollectionTuple.of(EXPECTED, expected)
            .and(ACTUAL, actual)
            .apply("JoinByItemKey", CoGroupByKey.create())
            .apply(
                "CompareDigests",
                ParDo.of(new CompareFn(tableName))
                    .withOutputTags(FINDINGS, TupleTagList.of(TO_PUT).and(TO_DELETE)));
    out.get(FINDINGS).setCoder(VerifyFinding.coder());
    out.get(TO_PUT).setCoder(ItemCoder.of());
    out.get(TO_DELETE).setCoder(ItemCoder.of());
    return out;
  }

  static final class CompareFn extends DoFn<KV<String, CoGbkResult>, VerifyFinding> {
    private final String tableName;
    private transient Counter matched;
    private transient Counter missing;
    private transient Counter extra;
    private transient Counter different;

    CompareFn(String tableName) {
      this.tableName = tableName;
    }

    @Setup
    public void setup() {
      matched = counter("matched");
      missing = counter(VerifyFinding.Kind.MISSING.name().toLowerCase(Locale.ROOT));
      extra = counter(VerifyFinding.Kind.EXTRA.name().toLowerCase(Locale.ROOT));
      different = counter(VerifyFinding.Kind.DIFFERENT.name().toLowerCase(Locale.ROOT));
    }

    private Counter counter(String kind) {
      return Metrics.counter(MetricNames.NAMESPACE, MetricNames.verified(kind, tableName));
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      String key = context.element().getKey();
      CoGbkResult group = context.element().getValue();
      // keys are unique on both sides: the table by definition, the source by the migration's
      // collision checks
      Map<String, AttributeValue> want = first(group.getAll(EXPECTED));
      Map<String, AttributeValue> have = withoutPosition(first(group.getAll(ACTUAL)));
      Progress.count(Progress.Phase.COMPARING);
      if (want == null) {
        extra.inc();
        context.output(new VerifyFinding(tableName, VerifyFinding.Kind.EXTRA, key, ""));
        context.output(TO_DELETE, have);
      } else if (have == null) {
        missing.inc();
        context.output(new VerifyFinding(tableName, VerifyFinding.Kind.MISSING, key, ""));
        context.output(TO_PUT, want);
      } else if (!ItemDigest.of(want).equals(ItemDigest.of(have))) {
        different.inc();
        context.output(
            new VerifyFinding(
                tableName,
                VerifyFinding.Kind.DIFFERENT,
                key,
                "attributes " + differing(want, have)));
        context.output(TO_PUT, want);
      } else {
        matched.inc();
      }
    }

    /**
     * The item without the sync's {@link Attr#SOURCE_POSITION}: bookkeeping of the sync, not
     * content a fresh migration would write.
     */
    private static Map<String, AttributeValue> withoutPosition(Map<String, AttributeValue> item) {
      if (item == null || !item.containsKey(Attr.SOURCE_POSITION)) {
        return item;
      }
      Map<String, AttributeValue> content = new HashMap<>(item);
      content.remove(Attr.SOURCE_POSITION);
      return content;
    }

    private static Map<String, AttributeValue> first(Iterable<Map<String, AttributeValue>> items) {
      var it = items.iterator();
      return it.hasNext() ? it.next() : null;
    }

    /** Names of the attributes that differ (never their values: they may be personal data). */
    private static List<String> differing(
        Map<String, AttributeValue> want, Map<String, AttributeValue> have) {
      TreeSet<String> names = new TreeSet<>(want.keySet());
      names.addAll(have.keySet());
      List<String> out = new ArrayList<>();
      for (String name : names) {
        AttributeValue a = want.get(name);
        AttributeValue b = have.get(name);
        if (a == null
            || b == null
            || !ItemDigest.of(Map.of(name, a)).equals(ItemDigest.of(Map.of(name, b)))) {
          out.add(name);
        }
      }
      return out;
    }
  }
}
