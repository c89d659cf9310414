package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.schemas.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sync's dead letters: one JSON line per rejected row, appended and forced to disk before the
 * batch that rejected them is confirmed, so a kill loses none (a replay may repeat some). A
 * streaming run has no end at which a file sink could commit, hence a plain file.
 */
final class DeadLetterFile implements Consumer<DeadLetter> {
  private final Path file;
  private final List<String> pending = new ArrayList<>();

  DeadLetterFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void accept(DeadLetter letter) {
    pending.add(letter.toJsonLine());
  }

  /** Appends the batch's letters and waits for the disk. */
  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      StringBuilder text = new StringBuilder();
      pending.forEach(line -> text.append(line).append('\n'));
      try (FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      pending.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dead letters to " + file, e);
    }
  }
}
