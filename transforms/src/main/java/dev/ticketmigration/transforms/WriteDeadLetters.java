package dev.ticketmigration.transforms;

import dev.ticketmigration.schemas.DeadLetter;
import java.util.Objects;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes rejected rows as JSON Lines ({@code source_table, source_key, reason, row}) under a
 * directory on any Beam file system, so they can be inspected, fixed at the source and replayed.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private final String directory;

  private WriteDeadLetters(String directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  public static WriteDeadLetters to(String directory) {
    return new WriteDeadLetters(directory);
  }

  @Override
  public PDone expand(PCollection<DeadLetter> letters) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    return letters
        .apply("ToJsonLines", MapElements.via(new ToJsonLine()))
        .apply(
            "WriteJsonLines",
            TextIO.write().to(prefix + "dead-letters").withSuffix(".jsonl").withNumShards(1));
  }

  static final class ToJsonLine extends SimpleFunction<DeadLetter, String> {
    @Override
    public String apply(DeadLetter letter) {
      return letter.toJsonLine();
    }
  }
}
