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
 * The file is named by the run ({@code dead-letters-<run id>-00000-of-00001.jsonl}), so re-runs,
 * parallel slices and other modes sharing the folder never overwrite each other's.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private final String directory;
  private final String runId;

  private WriteDeadLetters(String directory, String runId) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.runId = Objects.requireNonNull(runId, "runId");
  }

  public static WriteDeadLetters to(String directory, String runId) {
    return new WriteDeadLetters(directory, runId);
  }

  /** The file name prefix of a run's dead letters, before TextIO's shard suffix. */
  public static String filePrefix(String runId) {
    return "dead-letters-" + runId;
  }

  @Override
  public PDone expand(PCollection<DeadLetter> letters) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    return letters
        .apply("ToJsonLines", MapElements.via(new ToJsonLine()))
        .apply(
            "WriteJsonLines",
            TextIO.write().to(prefix + filePrefix(runId)).withSuffix(".jsonl").withNumShards(1));
  }

  static final class ToJsonLine extends SimpleFunction<DeadLetter, String> {
    @Override
    public String apply(DeadLetter letter) {
      return letter.toJsonLine();
    }
  }
}
