package dev.ticketmigration.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SchemasTest {

  @Test
  void dateTimesAlwaysHaveSeconds() {
    assertEquals("2026-05-01T19:05:00", SourceValues.dateTime(LocalDateTime.of(2026, 5, 1, 19, 5)));
    assertEquals(
        "2026-05-01T19:05:00.12",
        SourceValues.dateTime(LocalDateTime.of(2026, 5, 1, 19, 5, 0, 120_000_000)));
    assertEquals("2026-05-01", SourceValues.datePart("2026-05-01T19:05:00"));
  }

  @Test
  void decimalsAndIdsAreExact() {
    assertEquals("45.5", SourceValues.decimal(new BigDecimal("45.5000")));
    assertEquals("1000000000000000000", SourceValues.decimal(BigDecimal.valueOf(1e18)));
    assertEquals("9223372036854775807", SourceValues.idDigits("9223372036854775807"));
    assertEquals("12", SourceValues.idDigits("12.000"));
    assertNull(SourceValues.idDigits("9223372036854775808"));
    assertNull(SourceValues.idDigits("-1"));
    assertNull(SourceValues.idDigits("1.5"));
  }

  @Test
  void dynamoNumberLimits() {
    assertNull(DynamoNumbers.problem(new BigDecimal("12345678901234567890123456789012345678")));
    assertNotNull(DynamoNumbers.problem(new BigDecimal("123456789012345678901234567890123456789")));
    assertNotNull(DynamoNumbers.problem(new BigDecimal("1E+126")));
    assertNull(DynamoNumbers.problem(new BigDecimal("9.9E+125")));
    assertNotNull(DynamoNumbers.problem(new BigDecimal("1E-131")));
  }

  @Test
  void sourceRowCoderRoundTripsNullsUnicodeAndErrors() throws Exception {
    SourceRow row =
        SourceRow.builder("person")
            .add("ID", SourceRow.Kind.NUMBER, "7")
            .add("full_name", SourceRow.Kind.STRING, "Zoë O'Brien \u0001")
            .add("last_name", SourceRow.Kind.STRING, null)
            .add("first_name", SourceRow.Kind.STRING, "")
            .readError("boom")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SourceRowCoder.of().encode(row, out);
    SourceRow back = SourceRowCoder.of().decode(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(row, back);
    assertEquals("7", back.text("id"));
    assertNull(back.text("last_name"));
    assertEquals("", back.text("first_name"));
    assertTrue(DeadLetter.of(back, "why").toJsonLine().contains("\"source_key\":\"id=7\""));
  }

  @Test
  void configItemsFollowTheSpec() {
    Map<String, AttributeValue> item =
        configItem(
            SourceTable.SPORT_TEAM,
            "12",
            "Boston Red Sox",
            "BOS",
            null,
            "baseball",
            "MLB",
            "AL East");
    assertEquals("TEAM#baseball#MLB", item.get("PK").s());
    assertEquals("12", item.get("SK").s());
    assertEquals("TEAM", item.get("entity").s());
    assertEquals("Boston Red Sox", item.get("GSI1_PK").s());
    assertEquals("TEAM#baseball#MLB", item.get("GSI1_SK").s());
    assertEquals("ABBR#BOS", item.get("GSI3_PK").s());
    assertEquals("12", item.get("GSI3_SK").s());
    assertEquals("12", item.get("id").n());
    assertFalse(item.containsKey("home_field_id"));
    assertFalse(item.containsKey("GSI2_PK"));

    SourceRow event =
        TestRows.of(
                SourceTable.SPORTING_EVENT,
                "1",
                "baseball",
                "12",
                "13",
                "3",
                "2026-05-01T19:05:00",
                "2026-05-01",
                "0")
            .build();
    Map<String, String> names = new HashMap<>(Map.of("12", "Boston", "13", "New York"));
    Map<String, AttributeValue> e =
        ConfigItemBuilder.build(SourceTable.SPORTING_EVENT, event, names::get);
    assertEquals("EVENT#2026-05-01", e.get("PK").s());
    assertEquals("New York at Boston", e.get("name").s());
    assertEquals("2026-05-01T19:05:00", e.get("start_date_time").s());
    names.remove("13");
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                RejectedRowException.class,
                () -> ConfigItemBuilder.build(SourceTable.SPORTING_EVENT, event, names::get))
            .reason()
            .contains("away_team_id 13"));
  }

  @Test
  void emptyStringsAreValuesInKeysAndIndexKeys() {
    Map<String, AttributeValue> item =
        configItem(SourceTable.SPORT_TEAM, "7", "", "", null, "baseball", "", null);
    // a keyword key built from an empty string is its prefix alone (SPEC §2)
    assertEquals("ABBR#", item.get("GSI3_PK").s());
    assertEquals("7", item.get("GSI3_SK").s());
    assertEquals("TEAM#baseball#", item.get("PK").s());
    assertEquals("", item.get("name").s());
    // DynamoDB stores no empty index key: the empty name is kept, but not indexed by GSI1
    assertFalse(item.containsKey("GSI1_PK"));
    assertEquals(null, ItemValidator.problem(item, TargetTable.CONFIG.indexNames().size()));

    SourceRow location =
        TestRows.of(SourceTable.SPORT_LOCATION, "3", "Park", "", null, null, null).build();
    Map<String, AttributeValue> l =
        ConfigItemBuilder.build(SourceTable.SPORT_LOCATION, location, id -> null);
    assertEquals("CITY#", l.get("GSI2_PK").s());
    assertEquals(
        new ConfigItemBuilder.Key(Entity.LOCATION, "LOCATION", "3"),
        ConfigItemBuilder.key(SourceTable.SPORT_LOCATION, location));
    assertFalse(
        configItem(SourceTable.SPORT_LOCATION, "4", "Field", null, null, null, null)
            .containsKey("GSI2_PK"));
  }

  /** The config item of the row of {@code table} with {@code values}, no team names known. */
  private static Map<String, AttributeValue> configItem(
      SourceTable table, @Nullable String... values) {
    return ConfigItemBuilder.build(table, TestRows.of(table, values).build(), id -> null);
  }

  @Test
  void validatorEnforcesKeysIndexesAndSize() {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", Items.s("A"));
    item.put("SK", Items.s("B"));
    assertNull(ItemValidator.problem(item, 4));
    item.put("GSI1_PK", Items.s(""));
    item.put("GSI1_SK", Items.s("x"));
    assertTrue(ItemValidator.problem(item, 4).contains("empty GSI1_PK"));
    item.remove("GSI1_PK");
    assertTrue(ItemValidator.problem(item, 4).contains("only one of"));
    item.remove("GSI1_SK");
    item.put("big", Items.s("x".repeat(ItemSize.MAX_ITEM_BYTES)));
    assertTrue(ItemValidator.problem(item, 4).contains("over DynamoDB's item limit"));
    item.put("SK", Items.s(""));
    assertTrue(ItemValidator.problem(item, 4).contains("empty SK"));
  }

  @Test
  void itemSizeCountsNamesValuesAndNesting() {
    Map<String, AttributeValue> item =
        Map.of(
            "ab", Items.s("héllo"), // 2 + 6
            "n", Items.n("123.45"), // 1 + ((5+1)/2 + 1) = 5
            "l", AttributeValue.builder().l(List.of(Items.s("x"))).build()); // 1 + 3 + 1 + 1
    assertEquals(8 + 5 + 6, ItemSize.of(item));
  }

  @Test
  void tablesHaveTheSpecKeysAndIndexes() {
    var request = TargetTable.TICKET_SALES.createTableRequest("dev_");
    assertEquals("dev_ticket_sales", request.tableName());
    assertEquals(
        List.of("GSI1", "GSI2", "GSI3", "GSI4"),
        request.globalSecondaryIndexes().stream().map(g -> g.indexName()).toList());
    assertEquals(3, TargetTable.CONFIG.createTableRequest("").globalSecondaryIndexes().size());
  }
}
