package dev.ticketmigration.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One row read from a source table, with every column by its lower-case name and logical kind.
 *
 * <p>Values are kept as normalized text (numbers as exact decimal text, date-times as the SPEC's
 * ISO-8601 text) so the row is independent of the physical column types of the source database and
 * can be written verbatim into a dead-letter record.
 */
public final class SourceRow implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The logical kind of a column value. */
  public enum Kind {
    STRING,
    NUMBER,
    DATETIME,
    DATE
  }

  private final String table;
  private final String[] names;
  private final Kind[] kinds;
  private final @Nullable String[] values;
  private final @Nullable String readError;

  SourceRow(
      String table,
      String[] names,
      Kind[] kinds,
      @Nullable String[] values,
      @Nullable String readError) {
    this.table = table;
    this.names = names;
    this.kinds = kinds;
    this.values = values;
    this.readError = readError;
  }

  public static Builder builder(String table) {
    return new Builder(table);
  }

  public String table() {
    return table;
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public Kind kind(int i) {
    return kinds[i];
  }

  public @Nullable String value(int i) {
    return values[i];
  }

  /** Why the row could not be read completely, or null when it was. */
  public @Nullable String readError() {
    return readError;
  }

  public boolean has(String column) {
    return indexOf(column) >= 0;
  }

  /** The column's text, or null when the column is SQL NULL or absent. */
  public @Nullable String text(String column) {
    int i = indexOf(column);
    return i < 0 ? null : values[i];
  }

  public @Nullable Kind kind(String column) {
    int i = indexOf(column);
    return i < 0 ? null : kinds[i];
  }

  /** The column as an exact decimal, or null when NULL or absent. */
  public @Nullable BigDecimal number(String column) {
    String text = text(column);
    return text == null ? null : new BigDecimal(text);
  }

  private int indexOf(String column) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The row as a JSON object: numbers as JSON numbers, everything else as strings. */
  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < names.length; i++) {
      String v = values[i];
      if (v == null) {
        node.putNull(names[i]);
      } else if (kinds[i] == Kind.NUMBER) {
        node.put(names[i], new BigDecimal(v));
      } else {
        node.put(names[i], v);
      }
    }
    return node;
  }

  /** A short description of the row's key for logs and dead letters, e.g. {@code id=42}. */
  public String describeKey(List<String> keyColumns) {
    List<String> parts = new ArrayList<>();
    for (String c : keyColumns) {
      parts.add(c + "=" + text(c));
    }
    return String.join(",", parts);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SourceRow)) {
      return false;
    }
    SourceRow other = (SourceRow) o;
    return table.equals(other.table)
        && Arrays.equals(names, other.names)
        && Arrays.equals(kinds, other.kinds)
        && Arrays.equals(values, other.values)
        && Objects.equals(readError, other.readError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, Arrays.hashCode(names), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return table + toJson();
  }

  /** Collects columns in source order. */
  public static final class Builder {
    private final String table;
    private final List<String> names = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<@Nullable String> values = new ArrayList<>();
    private @Nullable String readError;

    private Builder(String table) {
      this.table = Objects.requireNonNull(table, "table");
    }

    /** Adds a column; names are stored in lower case so lookups ignore the source's case. */
    public Builder add(String name, Kind kind, @Nullable String value) {
      names.add(name.toLowerCase(Locale.ROOT));
      kinds.add(kind);
      values.add(value);
      return this;
    }

    public Builder readError(String error) {
      this.readError = error;
      return this;
    }

    public SourceRow build() {
      return new SourceRow(
          table,
          names.toArray(new String[0]),
          kinds.toArray(new Kind[0]),
          values.toArray(new String[0]),
          readError);
    }
  }
}
