package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A canonical text and digest of an item: attribute names sorted, every value typed, numbers
 * compared by value ({@code 45.5000} equals {@code 45.5}), sets sorted. Two items have one digest
 * exactly when DynamoDB holds the same item.
 */
public final class ItemDigest {
  private ItemDigest() {}

  /** SHA-256 of {@link #canonical}, in hex. */
  public static String of(Map<String, AttributeValue> item) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical(item).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  public static String canonical(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder();
    appendMap(out, item);
    return out.toString();
  }

  private static void appendMap(StringBuilder out, Map<String, AttributeValue> map) {
    out.append('{');
    new TreeMap<>(map)
        .forEach(
            (name, value) -> {
              appendString(out, name);
              out.append('=');
              appendValue(out, value);
              out.append(',');
            });
    out.append('}');
  }

  private static void appendValue(StringBuilder out, AttributeValue v) {
    if (v.s() != null) {
      out.append("S");
      appendString(out, v.s());
    } else if (v.n() != null) {
      out.append("N").append(number(v.n()));
    } else if (v.bool() != null) {
      out.append("BOOL").append(v.bool());
    } else if (v.nul() != null) {
      out.append("NULL");
    } else if (v.b() != null) {
      out.append("B").append(base64(v.b()));
    } else if (v.hasL()) {
      out.append("L[");
      v.l()
          .forEach(
              e -> {
                appendValue(out, e);
                out.append(',');
              });
      out.append(']');
    } else if (v.hasM()) {
      out.append("M");
      appendMap(out, v.m());
    } else if (v.hasSs()) {
      out.append("SS").append(sorted(v.ss()));
    } else if (v.hasNs()) {
      out.append("NS").append(sorted(v.ns().stream().map(ItemDigest::number).toList()));
    } else if (v.hasBs()) {
      out.append("BS").append(sorted(v.bs().stream().map(ItemDigest::base64).toList()));
    } else {
      out.append("?");
    }
  }

  private static String number(String n) {
    BigDecimal d = new BigDecimal(n).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toString();
  }

  private static String base64(SdkBytes b) {
    return Base64.getEncoder().encodeToString(b.asByteArray());
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  private static void appendString(StringBuilder out, String s) {
    // length-prefixed, so no content can imitate a separator
    out.append(s.length()).append(':').append(s);
  }
}
