package dev.ticketmigration.pipelines;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a whole migrated table back (a Scan: test-only) in {@link ExpectedItems}' flat form. */
final class TargetItems {
  private TargetItems() {}

  static Map<String, Map<String, String>> scan(DynamoDbClient client, String table) {
    Map<String, Map<String, String>> items = new TreeMap<>();
    client
        .scanPaginator(b -> b.tableName(table))
        .items()
        .forEach(
            item -> {
              Map<String, String> flat = new TreeMap<>();
              item.forEach((k, v) -> flat.put(k, flatten(v)));
              items.put(item.get("PK").s() + "|" + item.get("SK").s(), flat);
            });
    return items;
  }

  static String flatten(AttributeValue v) {
    if (v.s() != null) {
      return "S:" + v.s();
    }
    if (v.n() != null) {
      return "N:" + new BigDecimal(v.n()).stripTrailingZeros().toPlainString();
    }
    if (v.hasL()) {
      List<String> entries = new ArrayList<>();
      v.l().forEach(e -> entries.add(flatten(e)));
      return "L:" + entries;
    }
    if (v.hasM()) {
      Map<String, String> m = new TreeMap<>();
      v.m().forEach((k, e) -> m.put(k, flatten(e)));
      return "M:" + m;
    }
    return "?:" + v;
  }

  /** The first few differences between two item sets, empty when they are equal. */
  static List<String> differences(
      Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual, int max) {
    List<String> out = new ArrayList<>();
    for (var e : expected.entrySet()) {
      Map<String, String> a = actual.get(e.getKey());
      if (a == null) {
        out.add("missing " + e.getKey());
      } else if (!a.equals(e.getValue())) {
        for (String attr : new TreeSet<>(union(a.keySet(), e.getValue().keySet()))) {
          String want = e.getValue().get(attr);
          String got = a.get(attr);
          if (want == null ? got != null : !want.equals(got)) {
            out.add("differs " + e.getKey() + " ." + attr + ": expected " + want + ", got " + got);
          }
        }
      }
      if (out.size() >= max) {
        return out;
      }
    }
    for (String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        out.add("extra " + key);
        if (out.size() >= max) {
          break;
        }
      }
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
