package dev.ticketmigration.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The rules several modules share: identifiers, table prefixes, prices, entries as transfers. */
class SharedRulesTest {
  @Test
  void plainIdentifiersOnlyUpToSqlServersLength() {
    assertEquals("dms_sample", SqlIdentifier.require("dms_sample", "schema"));
    assertTrue(SqlIdentifier.isPlain("_a1".repeat(42) + "xy"));
    assertFalse(SqlIdentifier.isPlain("a".repeat(129)));
    for (String bad : List.of("", "1abc", "a-b", "a b", "é", "x;drop")) {
      assertFalse(SqlIdentifier.isPlain(bad), bad);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.require("a b", "schema"));
    assertTrue(e.getMessage().contains("schema name 'a b'"), e.getMessage());
  }

  @Test
  void tablePrefixesHoldTableNameCharacters() {
    assertTrue(TargetTable.isValidPrefix(""));
    assertTrue(TargetTable.isValidPrefix("prod-1.v2_"));
    assertTrue(TargetTable.isValidPrefix("p".repeat(200)));
    assertFalse(TargetTable.isValidPrefix("p".repeat(201)));
    assertFalse(TargetTable.isValidPrefix("a/b"));
    assertFalse(TargetTable.isValidPrefix(null));
  }

  @Test
  void pricesAreNonNegativeSmallmoney() {
    assertNull(SmallMoney.problem(new BigDecimal("0")));
    assertNull(SmallMoney.problem(new BigDecimal("214748.3647")));
    assertNull(SmallMoney.problem(new BigDecimal("19.990000")));
    assertEquals("is outside 0..214748.3647", SmallMoney.problem(new BigDecimal("214748.3648")));
    assertEquals("is outside 0..214748.3647", SmallMoney.problem(new BigDecimal("-0.01")));
    assertEquals("has more than 4 decimals", SmallMoney.problem(new BigDecimal("1.00001")));
  }

  @Test
  void aTransferEntryReadsAsTheTransferItemTheMigrationWrites() {
    Map<String, AttributeValue> entry =
        TicketItemBuilder.historyEntry("8", "7", "2026-05-01T19:05:00", "45.50");
    assertEquals(
        TicketItemBuilder.transferItem("1", "2", "7", "8", "2026-05-01T19:05:00", "45.5"),
        TicketItemBuilder.transferOf("1", "2", entry));
    assertNull(
        TicketItemBuilder.transferOf(
            "1", "2", TicketItemBuilder.historyEntry("8", null, "2026-05-01T19:05:00", "45.5")));
    entry.remove(Attr.PURCHASE_PRICE);
    assertThrows(IllegalStateException.class, () -> TicketItemBuilder.transferOf("1", "2", entry));
  }
}
