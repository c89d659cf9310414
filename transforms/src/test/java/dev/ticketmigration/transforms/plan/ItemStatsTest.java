package dev.ticketmigration.transforms.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plan statistics on the DirectRunner with its checks on: items and write units per entity (a unit
 * per started KB, again in every GSI the item is in) and the hottest partition keys.
 */
class ItemStatsTest {

  private static Map<String, AttributeValue> ticket(int id, String owner, int padBytes) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("PK", Items.s("TICKET#" + id));
    item.put("SK", Items.s("TICKET"));
    item.put("entity", Items.s("TICKET"));
    if (owner != null) {
      item.put("GSI1_PK", Items.s("OWNER#" + owner));
      item.put("GSI1_SK", Items.s("x#" + id));
    }
    item.put("pad", Items.s("p".repeat(padBytes)));
    return item;
  }

  @Test
  void writeUnitsCountStartedKilobytesPerTableAndIndex() {
    assertEquals(1, ItemStats.writeUnits(ticket(1, null, 10), 4));
    assertEquals(2, ItemStats.writeUnits(ticket(1, "7", 10), 4));
    assertEquals(4, ItemStats.writeUnits(ticket(1, "7", 1500), 4));
  }

  @Test
  void countsUnitsAndHotKeysPerEntity() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(ticket(i, i < 6 ? "7" : "8", 10));
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<String> stats =
        p.apply(Create.of(items).withCoder(ItemCoder.of()))
            .apply(ItemStats.of(TargetTable.TICKET_SALES, "t", 1));
    // every table key holds one item: which one is "hottest" is a tie, so that line is left out
    PAssert.that(
            stats.apply(
                "Counts",
                Filter.by(
                    l -> !l.contains("size_bytes") && !l.contains("\"key_space\":\"table\""))))
        .containsInAnyOrder(
            "{\"table\":\"t\",\"figure\":\"items\",\"entity\":\"TICKET\",\"value\":10}",
            "{\"table\":\"t\",\"figure\":\"write_units\",\"entity\":\"TICKET\",\"value\":20}",
            "{\"table\":\"t\",\"figure\":\"hot_partition_keys\",\"key_space\":\"GSI1\","
                + "\"keys\":[{\"key\":\"OWNER#7\",\"items\":6}]}");
    p.run().waitUntilFinish();
  }
}
