package dev.ticketmigration.transforms.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.ItemSize;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.TargetTable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.ApproximateQuantiles;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What writing these items will take, without writing them: items and write request units per
 * entity (an item costs one unit per started KB in the table and again in every GSI it projects
 * into), the item size distribution, and the partition keys of the table and of each GSI that
 * receive the most items. Emits one JSON line per figure for the plan report.
 */
public final class ItemStats
    extends PTransform<PCollection<Map<String, AttributeValue>>, PCollection<String>> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Candidates tracked per key space: exact below it, true heavy hitters kept above. */
  private static final int HOT_KEY_CAPACITY = 50_000;

  private final String tableName;
  private final int indexCount;
  private final int hotKeys;

  private ItemStats(String tableName, int indexCount, int hotKeys) {
    this.tableName = Objects.requireNonNull(tableName);
    this.indexCount = indexCount;
    this.hotKeys = hotKeys;
  }

  /** Statistics of the items bound for the physical table {@code tableName}. */
  public static ItemStats of(TargetTable table, String tableName, int hotKeys) {
    return new ItemStats(tableName, table.indexNames().size(), hotKeys);
  }

  /** Write request units of one item: per started KB, once for the table and per GSI. */
  public static long writeUnits(Map<String, AttributeValue> item, int indexCount) {
    long units = (ItemSize.of(item) + 1023) / 1024;
    long copies = 1;
    for (int i = 1; i <= indexCount; i++) {
      if (item.containsKey(TargetTable.indexPk(i)) && item.containsKey(TargetTable.indexSk(i))) {
        copies++;
      }
    }
    return Math.max(1, units) * copies;
  }

  @Override
  public PCollection<String> expand(PCollection<Map<String, AttributeValue>> items) {
    KvCoder<String, Long> stringLong = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<String> counts =
        items
            .apply("EntityOf", MapElements.into(TypeDescriptors.strings()).via(Items::entity))
            .apply("CountPerEntity", Count.perElement())
            .apply("CountLines", lines("items"));
    PCollection<String> units =
        items
            .apply(
                "UnitsPerEntity",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(new UnitsFn(indexCount)))
            .setCoder(stringLong)
            .apply("SumUnits", Sum.longsPerKey())
            .apply("UnitLines", lines("write_units"));
    PCollection<String> sizes =
        items
            .apply("SizeOf", MapElements.into(TypeDescriptors.longs()).via(ItemSize::of))
            .apply("SizeQuantiles", ApproximateQuantiles.globally(101))
            .apply("SizeLine", MapElements.into(TypeDescriptors.strings()).via(this::sizeLine));
    PCollection<String> hot =
        items
            .apply("PartitionKeys", ParDo.of(new PartitionKeysFn(indexCount)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("HottestKeys", Combine.perKey(HeavyHitters.of(hotKeys, HOT_KEY_CAPACITY)))
            .apply("HotLines", MapElements.into(TypeDescriptors.strings()).via(this::hotLine));
    return PCollectionList.of(counts)
        .and(units)
        .and(sizes)
        .and(hot)
        .apply("AllStats", Flatten.pCollections());
  }

  /** Each entity's value of {@code figure} as a line. */
  private MapElements<KV<String, Long>, String> lines(String figure) {
    return MapElements.into(TypeDescriptors.strings())
        .via((KV<String, Long> kv) -> line(figure, kv.getKey(), kv.getValue()));
  }

  private String line(String figure, String entity, long value) {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", tableName);
    node.put("figure", figure);
    node.put("entity", entity);
    node.put("value", value);
    return write(node);
  }

  private String sizeLine(List<Long> quantiles) {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", tableName);
    node.put("figure", "size_bytes");
    if (!quantiles.isEmpty()) {
      node.put("p50", quantiles.get(quantiles.size() / 2));
      node.put("p99", quantiles.get(Math.min(quantiles.size() - 1, quantiles.size() * 99 / 100)));
      node.put("max", quantiles.get(quantiles.size() - 1));
    }
    return write(node);
  }

  private String hotLine(KV<String, List<KV<String, Long>>> top) {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", tableName);
    node.put("figure", "hot_partition_keys");
    node.put("key_space", top.getKey());
    ArrayNode keys = node.putArray("keys");
    top.getValue()
        .forEach(kv -> keys.addObject().put("key", kv.getKey()).put("items", kv.getValue()));
    return write(node);
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class UnitsFn
      implements org.apache.beam.sdk.transforms.SerializableFunction<
          Map<String, AttributeValue>, KV<String, Long>> {
    private final int indexCount;

    UnitsFn(int indexCount) {
      this.indexCount = indexCount;
    }

    @Override
    public KV<String, Long> apply(Map<String, AttributeValue> item) {
      return KV.of(Items.entity(item), writeUnits(item, indexCount));
    }
  }

  /** (key space, partition key) of the table ("table") and of each GSI an item is in. */
  static final class PartitionKeysFn extends DoFn<Map<String, AttributeValue>, KV<String, String>> {
    private final int indexCount;

    PartitionKeysFn(int indexCount) {
      this.indexCount = indexCount;
    }

    @ProcessElement
    public void processElement(
        @Element Map<String, AttributeValue> item, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of("table", item.get(Attr.PK).s()));
      for (int i = 1; i <= indexCount; i++) {
        AttributeValue pk = item.get(TargetTable.indexPk(i));
        if (pk != null && pk.s() != null) {
          out.output(KV.of(TargetTable.indexName(i), pk.s()));
        }
      }
    }
  }
}
