package dev.ticketmigration.benchmarks;

import dev.ticketmigration.schemas.ItemCoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.util.CoderUtils;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The loader's precomputed items: length-prefixed, ItemCoder-encoded, in a file, so even millions
 * of items cost no heap and the loader's own work is only decoding and sending.
 */
final class ItemFile implements AutoCloseable {
  private static final Coder<Map<String, AttributeValue>> CODER = ItemCoder.of();
  private final DataOutputStream out;
  private long count;

  ItemFile(Path file) throws IOException {
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  void add(Map<String, AttributeValue> item) {
    try {
      byte[] bytes = CoderUtils.encodeToByteArray(CODER, item);
      out.writeInt(bytes.length);
      out.write(bytes);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Reads up to {@code limit} items back, in order. */
  static long read(Path file, long limit, Consumer<Map<String, AttributeValue>> sink)
      throws IOException {
    long n = 0;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (n < limit) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          break;
        }
        byte[] bytes = in.readNBytes(length);
        sink.accept(CoderUtils.decodeFromByteArray(CODER, bytes));
        n++;
      }
    }
    return n;
  }
}
