package dev.ticketmigration.transforms.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** One disagreement between source and target that a verify run found, keyed by item. */
public record VerifyFinding(String table, VerifyFinding.Kind kind, String key, String detail)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is wrong with the item. */
  public enum Kind {
    /** The source says the item must exist; the table does not have it. */
    MISSING,
    /** The table has an item the source does not produce. */
    EXTRA,
    /** Both have the item, with different attributes. */
    DIFFERENT,
    /** A ticket's history and its transfer items disagree. */
    TRANSFER_MISMATCH,
    /**
     * An extra item that is not deleted because its source row was rejected in this run: the source
     * still has the row, so the item may be all that is left of it.
     */
    KEPT
  }

  public VerifyFinding {
    Objects.requireNonNull(table);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(key);
    Objects.requireNonNull(detail);
  }

  public String toJsonLine() {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", table);
    node.put("kind", kind.name());
    node.put("key", key);
    node.put("detail", detail);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static VerifyFinding fromJsonLine(String line) {
    try {
      var node = JSON.readTree(line);
      return new VerifyFinding(
          node.get("table").asText(),
          Kind.valueOf(node.get("kind").asText()),
          node.get("key").asText(),
          node.get("detail").asText());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return kind + " " + table + " " + key + (detail.isEmpty() ? "" : ": " + detail);
  }

  /** Encodes a finding as its JSON line. */
  public static Coder<VerifyFinding> coder() {
    return DelegateCoder.of(
        StringUtf8Coder.of(), VerifyFinding::toJsonLine, VerifyFinding::fromJsonLine);
  }
}
