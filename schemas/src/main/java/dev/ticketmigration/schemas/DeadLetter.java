package dev.ticketmigration.schemas;

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

/**
 * A source row that did not become an item: its table, its key, why, and the row itself. Written as
 * one JSON line so nothing is lost and every rejection can be fixed and replayed.
 */
public record DeadLetter(String sourceTable, String sourceKey, String reason, SourceRow row)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  public DeadLetter {
    Objects.requireNonNull(sourceTable);
    Objects.requireNonNull(sourceKey);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(row);
  }

  /** A dead letter for a row of a known table, keyed by the table's primary-key columns. */
  public static DeadLetter of(SourceRow row, String reason) {
    String key =
        SourceTable.byName(row.table()).map(t -> row.describeKey(t.keyColumns())).orElse("");
    return new DeadLetter(row.table(), key, reason, row);
  }

  /** {@code {"source_table":..,"source_key":..,"reason":..,"row":{..}}} on one line. */
  public String toJsonLine() {
    ObjectNode node = JSON.createObjectNode();
    node.put("source_table", sourceTable);
    node.put("source_key", sourceKey);
    node.put("reason", reason);
    node.set("row", row.toJson());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return toJsonLine();
  }

  public static Coder<DeadLetter> coder() {
    return DeadLetterCoder.INSTANCE;
  }

  private static final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
    static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    @Override
    public void encode(DeadLetter value, OutputStream out) throws IOException {
      STRING.encode(value.sourceTable, out);
      STRING.encode(value.sourceKey, out);
      STRING.encode(value.reason, out);
      SourceRowCoder.of().encode(value.row, out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(
          STRING.decode(in), STRING.decode(in), STRING.decode(in), SourceRowCoder.of().decode(in));
    }
  }
}
