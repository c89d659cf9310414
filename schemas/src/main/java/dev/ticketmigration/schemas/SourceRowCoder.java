package dev.ticketmigration.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A compact, deterministic coder for {@link SourceRow}: cheaper than Java serialization. */
public final class SourceRowCoder extends AtomicCoder<SourceRow> {
  private static final SourceRowCoder INSTANCE = new SourceRowCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final SourceRow.Kind[] KINDS = SourceRow.Kind.values();

  private SourceRowCoder() {}

  public static SourceRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SourceRow row, OutputStream out) throws IOException {
    STRING.encode(row.table(), out);
    INT.encode(row.size(), out);
    for (int i = 0; i < row.size(); i++) {
      STRING.encode(row.name(i), out);
      out.write(row.kind(i).ordinal());
      NULLABLE_STRING.encode(row.value(i), out);
    }
    NULLABLE_STRING.encode(row.readError(), out);
  }

  @Override
  public SourceRow decode(InputStream in) throws IOException {
    String table = STRING.decode(in);
    int size = INT.decode(in);
    String[] names = new String[size];
    SourceRow.Kind[] kinds = new SourceRow.Kind[size];
    @Nullable String[] values = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = STRING.decode(in);
      kinds[i] = KINDS[in.read()];
      values[i] = NULLABLE_STRING.decode(in);
    }
    return new SourceRow(table, names, kinds, values, NULLABLE_STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
