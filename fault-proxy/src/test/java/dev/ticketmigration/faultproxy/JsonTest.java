package dev.ticketmigration.faultproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void roundTripsDynamoDbJsonExactly() {
    String text =
        "{\"RequestItems\":{\"t\\\"1\":[{\"PutRequest\":{\"Item\":{\"PK\":{\"S\":\"a\\\\b\\n\\u0001ü✓𝄞\"},"
            + "\"N\":{\"N\":\"-1.5E+3\"},\"B\":{\"BOOL\":true},\"Z\":{\"NULL\":true},"
            + "\"L\":{\"L\":[]},\"M\":{\"M\":{}}}}}]},\"Limit\":25,\"X\":null,\"F\":false}";
    Object parsed = Json.parse(text);
    assertEquals(text, Json.write(parsed));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    assertEquals(new Json.Num("25"), map.get("Limit"));
    assertEquals(List.of("RequestItems", "Limit", "X", "F"), List.copyOf(map.keySet()));
  }

  @Test
  void readsEscapesAndWhitespace() {
    assertEquals(Map.of("a", List.of("\"/\b\f\n\r\t\u00e9")),
        Json.parse(" { \"a\" : [ \"\\\"\\/\\b\\f\\n\\r\\t\\u00E9\" ] } "));
  }

  @Test
  void rejectsInvalidJson() {
    for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"\\q\"", "tru", "-")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }
}
