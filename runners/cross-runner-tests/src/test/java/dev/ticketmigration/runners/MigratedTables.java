package dev.ticketmigration.runners;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Both target tables of one run ({@code <prefix>ticket_sales}, {@code <prefix>config}) read back
 * whole with Scan (test-only), each item flattened to sorted "attribute -> typed value" text so
 * that runs compare item by item.
 */
record MigratedTables(Map<String, Map<String, String>> items) {

  static final List<String> TABLES = List.of("ticket_sales", "config");

  static DynamoDbClient client(String endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /** Every item of both tables, keyed "table|PK|SK" (the table without the prefix). */
  static MigratedTables scan(DynamoDbClient client, String prefix) {
    Map<String, Map<String, String>> items = new TreeMap<>();
    for (String table : TABLES) {
      client
          .scanPaginator(b -> b.tableName(prefix + table))
          .items()
          .forEach(
              item -> {
                Map<String, String> flat = new TreeMap<>();
                item.forEach((name, value) -> flat.put(name, flatten(value)));
                items.put(table + "|" + item.get("PK").s() + "|" + item.get("SK").s(), flat);
              });
    }
    return new MigratedTables(items);
  }

  int size() {
    return items.size();
  }

  /** Items per table. */
  Map<String, Long> countsByTable() {
    Map<String, Long> counts = new TreeMap<>();
    items.keySet().forEach(k -> counts.merge(k.substring(0, k.indexOf('|')), 1L, Long::sum));
    return counts;
  }

  /** The first {@code max} differences from {@code expected}; empty when both hold the same. */
  List<String> differencesFrom(MigratedTables expected, int max) {
    List<String> out = new ArrayList<>();
    for (var e : expected.items.entrySet()) {
      Map<String, String> got = items.get(e.getKey());
      if (got == null) {
        out.add("missing " + e.getKey());
      } else if (!got.equals(e.getValue())) {
        TreeSet<String> attributes = new TreeSet<>(got.keySet());
        attributes.addAll(e.getValue().keySet());
        for (String a : attributes) {
          String want = e.getValue().get(a);
          String have = got.get(a);
          if (want == null ? have != null : !want.equals(have)) {
            out.add("differs " + e.getKey() + " ." + a + ": expected " + want + ", got " + have);
          }
        }
      }
      if (out.size() >= max) {
        return out.subList(0, max);
      }
    }
    for (String key : items.keySet()) {
      if (!expected.items.containsKey(key)) {
        out.add("extra " + key);
        if (out.size() >= max) {
          break;
        }
      }
    }
    return out;
  }

  /** A typed, order-independent text form: numbers without trailing zeros, maps sorted. */
  static String flatten(AttributeValue v) {
    if (v.s() != null) {
      return "S:" + v.s();
    }
    if (v.n() != null) {
      return "N:" + new BigDecimal(v.n()).stripTrailingZeros().toPlainString();
    }
    if (v.bool() != null) {
      return "BOOL:" + v.bool();
    }
    if (Boolean.TRUE.equals(v.nul())) {
      return "NULL";
    }
    if (v.hasL()) {
      List<String> list = new ArrayList<>();
      v.l().forEach(e -> list.add(flatten(e)));
      return "L:" + list;
    }
    if (v.hasM()) {
      Map<String, String> m = new TreeMap<>();
      v.m().forEach((k, e) -> m.put(k, flatten(e)));
      return "M:" + m;
    }
    if (v.hasSs()) {
      return "SS:" + new TreeSet<>(v.ss());
    }
    if (v.hasNs()) {
      TreeSet<String> ns = new TreeSet<>();
      v.ns().forEach(n -> ns.add(new BigDecimal(n).stripTrailingZeros().toPlainString()));
      return "NS:" + ns;
    }
    return "?:" + v;
  }
}
