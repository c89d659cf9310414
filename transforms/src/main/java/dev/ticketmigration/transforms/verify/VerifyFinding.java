package dev.ticketmigration.transforms.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One disagreement between source and target that a verify run found, keyed by item. */
public final class VerifyFinding implements Serializable {
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

  private final String table;
  private final Kind kind;
  private final String key;
  private final String detail;

  public VerifyFinding(String table, Kind kind, String key, String detail) {
    this.table = Objects.requireNonNull(table);
    this.kind = Objects.requireNonNull(kind);
    this.key = Objects.requireNonNull(key);
    this.detail = Objects.requireNonNull(detail);
  }

  public String table() {
    return table;
  }

  public Kind kind() {
    return kind;
  }

  public String key() {
    return key;
  }

  public String detail() {
    return detail;
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
  public boolean equals(@Nullable Object o) {
    return o instanceof VerifyFinding f
        && table.equals(f.table)
        && kind == f.kind
        && key.equals(f.key)
        && detail.equals(f.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, kind, key, detail);
  }

  @Override
  public String toString() {
    return kind + " " + table + " " + key + (detail.isEmpty() ? "" : ": " + detail);
  }

  public static Coder<VerifyFinding> coder() {
    return FindingCoder.INSTANCE;
  }

  private static final class FindingCoder extends AtomicCoder<VerifyFinding> {
    static final FindingCoder INSTANCE = new FindingCoder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    @Override
    public void encode(VerifyFinding f, OutputStream out) throws IOException {
      STRING.encode(f.table, out);
      STRING.encode(f.kind.name(), out);
      STRING.encode(f.key, out);
      STRING.encode(f.detail, out);
    }

    @Override
    public VerifyFinding decode(InputStream in) throws IOException {
      return new VerifyFinding(
          STRING.decode(in), Kind.valueOf(STRING.decode(in)), STRING.decode(in), STRING.decode(in));
    }
  }
}
