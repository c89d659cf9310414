package dev.ticketmigration.changelog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * The engine's offset store: a file replaced atomically on every save (written beside it, forced to
 * disk, renamed over it), so a reader killed mid-save leaves the previous position, never a torn
 * file. Kafka's {@code FileOffsetBackingStore} truncates and rewrites its file in place, and reads
 * a truncated file as "no position" without a word: a reader killed at that moment restarted from
 * the slot's position instead of its own. Public only for the engine, which instantiates it by
 * name.
 *
 * <p>Format: one line per entry, the key and the value in Base64 separated by a space ({@code -}
 * for a null value). An unreadable file fails the start rather than silently starting over.
 */
public final class AtomicFileOffsetStore extends MemoryOffsetBackingStore {
  /** The engine setting naming the file (the same one Kafka's file store reads). */
  static final String FILE_SETTING = "offset.storage.file.filename";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Path file;

  public AtomicFileOffsetStore() {}

  @Override
  public void configure(WorkerConfig config) {
    super.configure(config);
    String name = config.originalsStrings().get(FILE_SETTING);
    if (name == null || name.isBlank()) {
      throw new ConnectException(FILE_SETTING + " is not set");
    }
    file = Path.of(name);
  }

  @Override
  public synchronized void start() {
    super.start();
    data = load(file);
  }

  @Override
  protected void save() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
      lines.add(encode(entry.getKey()) + " " + encode(entry.getValue()));
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes =
            ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ConnectException("cannot store the change log position in " + file, e);
    }
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of(); // only Kafka Connect's REST API lists them
  }

  static Map<ByteBuffer, ByteBuffer> load(Path file) {
    Map<ByteBuffer, ByteBuffer> entries = new HashMap<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(" ");
        if (parts.length != 2) {
          throw new ChangeLogException(
              "the change log position file "
                  + file
                  + " is damaged: remove it to start again from the slot's position");
        }
        entries.put(decode(parts[0]), decode(parts[1]));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ChangeLogException(
          "cannot read the change log position file "
              + file
              + " ("
              + e.getMessage()
              + "): remove it to start again from the slot's position",
          e);
    }
    return entries;
  }

  /**
   * The offset stored in {@code file} (the engine keeps one entry per connector), as the connector
   * wrote it; empty when nothing is stored.
   */
  static Map<String, Object> storedOffset(Path file) {
    Map<ByteBuffer, ByteBuffer> entries = load(file);
    for (ByteBuffer value : entries.values()) {
      if (value != null) {
        try {
          return JSON.readValue(
              ChangeEvents.bytes(value), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
          throw new ChangeLogException(
              "the change log position file " + file + " is damaged (" + e.getMessage() + ")", e);
        }
      }
    }
    return Map.of();
  }

  /**
   * Stores a start offset for a connector that has none yet, in the form the engine stores it (key:
   * the engine's name and the connector's source partition; value: the connector's offset), so its
   * first start resumes there instead of at the log's end.
   */
  static void seed(
      Path file, String engineName, Map<String, String> partition, Map<String, Object> offset) {
    AtomicFileOffsetStore store = new AtomicFileOffsetStore();
    store.file = file;
    try {
      store.data =
          new HashMap<>(
              Map.of(
                  ByteBuffer.wrap(JSON.writeValueAsBytes(List.of(engineName, partition))),
                  ByteBuffer.wrap(JSON.writeValueAsBytes(offset))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.save();
  }

  private static String encode(ByteBuffer buffer) {
    if (buffer == null) {
      return "-";
    }
    return Base64.getEncoder().encodeToString(ChangeEvents.bytes(buffer));
  }

  private static ByteBuffer decode(String text) {
    return "-".equals(text) ? null : ByteBuffer.wrap(Base64.getDecoder().decode(text));
  }
}
