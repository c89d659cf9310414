package dev.ticketmigration.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB JSON, the format of DynamoDB's Import from S3 and Export to S3: one {@code
 * {"Item": {"PK": {"S": "..."}, "price": {"N": "45.5"}, ...}}} per line. Numbers stay decimal text,
 * never a binary float.
 */
public final class DynamoJson {
  private DynamoJson() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One import line: {@code {"Item": {...}}}. */
  public static String importLine(Map<String, AttributeValue> item) {
    ObjectNode line = JSON.createObjectNode();
    line.set("Item", toJson(item));
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The item of an import line. */
  public static Map<String, AttributeValue> parseImportLine(String line) {
    try {
      return fromJson(JSON.readTree(line).get("Item"));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(Map<String, AttributeValue> item) {
    ObjectNode node = JSON.createObjectNode();
    item.forEach((name, value) -> node.set(name, value(value)));
    return node;
  }

  private static ObjectNode value(AttributeValue v) {
    ObjectNode node = JSON.createObjectNode();
    if (v.s() != null) {
      node.put("S", v.s());
    } else if (v.n() != null) {
      node.put("N", v.n());
    } else if (v.bool() != null) {
      node.put("BOOL", v.bool());
    } else if (v.nul() != null) {
      node.put("NULL", true);
    } else if (v.b() != null) {
      node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
    } else if (v.hasL()) {
      ArrayNode list = node.putArray("L");
      v.l().forEach(e -> list.add(value(e)));
    } else if (v.hasM()) {
      node.set("M", toJson(v.m()));
    } else if (v.hasSs()) {
      ArrayNode set = node.putArray("SS");
      v.ss().forEach(set::add);
    } else if (v.hasNs()) {
      ArrayNode set = node.putArray("NS");
      v.ns().forEach(set::add);
    } else if (v.hasBs()) {
      ArrayNode set = node.putArray("BS");
      v.bs().forEach(b -> set.add(Base64.getEncoder().encodeToString(b.asByteArray())));
    } else {
      throw new IllegalArgumentException("attribute value of no known type: " + v);
    }
    return node;
  }

  public static Map<String, AttributeValue> fromJson(JsonNode item) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), parse(e.getValue()));
    }
    return map;
  }

  private static AttributeValue parse(JsonNode node) {
    Map.Entry<String, JsonNode> typed = node.fields().next();
    JsonNode v = typed.getValue();
    switch (typed.getKey()) {
      case "S":
        return AttributeValue.fromS(v.asText());
      case "N":
        return AttributeValue.fromN(v.asText());
      case "BOOL":
        return AttributeValue.fromBool(v.asBoolean());
      case "NULL":
        return AttributeValue.fromNul(true);
      case "B":
        return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
      case "L":
        {
          List<AttributeValue> list = new ArrayList<>();
          v.forEach(e -> list.add(parse(e)));
          return AttributeValue.fromL(list);
        }
      case "M":
        return AttributeValue.fromM(fromJson(v));
      case "SS":
        {
          List<String> set = new ArrayList<>();
          v.forEach(e -> set.add(e.asText()));
          return AttributeValue.fromSs(set);
        }
      case "NS":
        {
          List<String> set = new ArrayList<>();
          v.forEach(e -> set.add(e.asText()));
          return AttributeValue.fromNs(set);
        }
      case "BS":
        {
          List<SdkBytes> set = new ArrayList<>();
          v.forEach(e -> set.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(e.asText()))));
          return AttributeValue.fromBs(set);
        }
      default:
        throw new IllegalArgumentException("unknown DynamoDB JSON type " + typed.getKey());
    }
  }
}
