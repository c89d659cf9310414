package dev.ticketmigration.pipelines;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id of one run, part of the name of every file it writes, so that re-runs, parallel slices,
 * plans and verifies sharing a folder never overwrite each other's files. An orchestrator may pass
 * its own (an Airflow {@code ts_nodash}, an Argo workflow name); otherwise it is the start time
 * with a random suffix.
 */
final class RunId {
  private RunId() {}

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Checks --runId, or sets a new one when it is unset. */
  static void assign(MigrationOptions options) {
    String id = options.getRunId();
    if (id == null) {
      options.setRunId(generate());
    } else if (!VALID.matcher(id).matches()) {
      throw new MigrationException(
          "--runId '"
              + id
              + "' cannot be part of a file name: use 1 to 64 letters, digits, '_',"
              + " '-' and '.' (or leave it out for a generated one)");
    }
  }

  static String generate() {
    byte[] suffix = new byte[2];
    RANDOM.nextBytes(suffix);
    return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(suffix);
  }
}
