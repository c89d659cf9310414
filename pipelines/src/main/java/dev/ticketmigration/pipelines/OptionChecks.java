package dev.ticketmigration.pipelines;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The checks that need nothing but the options, run before any I/O (no database, no DynamoDB, no
 * local files), so a mistyped number or URL is one line naming the option instead of a failure
 * halfway through preparing the run.
 */
final class OptionChecks {
  private OptionChecks() {}

  /** Beyond this the source gets that many queries per ticket table; automatic stops at 1,000. */
  static final int MAX_READ_PARTITIONS = 10_000;

  /** Beyond this each segment of a table holds a handful of items: requests, not parallelism. */
  static final int MAX_SCAN_SEGMENTS = 1_000;

  /** Throws a MigrationException naming the first option that cannot be right. */
  static void check(MigrationOptions options) {
    LocalEnvironment.checkTargets(options);
    TargetTables.validatePrefix(options.getTablePrefix());
    dynamoEndpoint(options.getDynamoEndpoint());
    positive(options.getFetchSize(), "--fetchSize");
    positive(options.getScanSegments(), "--scanSegments");
    positive(options.getWriteWorkers(), "--writeWorkers");
    if (options.getScanSegments() > MAX_SCAN_SEGMENTS) {
      throw new MigrationException(
          "--scanSegments must be at most 1,000, was "
              + options.getScanSegments()
              + ": every segment is its own Scan of each table, so more only adds requests");
    }
    if (options.getReadPartitions() == null || options.getReadPartitions() < 0) {
      throw new MigrationException("--readPartitions must be 0 (automatic) or more");
    }
    if (options.getReadPartitions() > MAX_READ_PARTITIONS) {
      throw new MigrationException(
          "--readPartitions must be at most 10,000, was "
              + options.getReadPartitions()
              + ": every partition is one query on each ticket table of the source (0 picks one"
              + " per 50,000 ids, at most 1,000)");
    }
    if (options.getMaxWriteRate() == null || options.getMaxWriteRate() < 0) {
      throw new MigrationException("--maxWriteRate must be 0 (no cap) or a positive item rate");
    }
    if (options.getWriteMaxBackoffMillis() == null || options.getWriteMaxBackoffMillis() <= 0) {
      throw new MigrationException(
          "--writeMaxBackoffMillis must be a positive number of milliseconds, e.g. 20000, was "
              + options.getWriteMaxBackoffMillis());
    }
    if (options.getWriteRetries() == null || options.getWriteRetries() < 0) {
      throw new MigrationException("--writeRetries must be 0 or more");
    }
    atLeast(
        options.getFindingsShown(),
        0,
        "--findingsShown",
        "how many findings of each kind to print");
    atLeast(
        options.getExportShards(),
        0,
        "--exportShards",
        "files per table, 0 lets the runner decide");
    atLeast(
        options.getProgressIntervalSeconds(), 0, "--progressIntervalSeconds", "0 turns them off");
    if (options.getMaxRejectedRows() == null || options.getMaxRejectedRows() < -1) {
      throw new MigrationException(
          "--maxRejectedRows must be -1 (any number) or 0 and more, was "
              + options.getMaxRejectedRows());
    }
    if (options.getDemoTickets() == null || options.getDemoTickets() < 1) {
      throw new MigrationException(
          "--demoTickets must be at least 1, was " + options.getDemoTickets());
    }
    // the slice's tables, id bounds and dates are options too: parsed here, used later
    Slice.from(options);
    // other modes ignore the sync's options: an orchestrator may pass one set to every step
    if (options.getMode() == MigrationOptions.Mode.SYNC
        || (options.getSyncSlot() != null && options.getMode() == MigrationOptions.Mode.MIGRATE)) {
      ChangeLogSlot.checkOptions(options);
    }
    if (options.getMode() == MigrationOptions.Mode.PLAN) {
      atLeast(options.getHotKeys(), 1, "--hotKeys", "how many hot partition keys to list");
      // plan-only options: other modes ignore them
      if (!(options.getSampleFraction() > 0 && options.getSampleFraction() <= 1)) {
        throw new MigrationException("--sampleFraction must be above 0 and at most 1, e.g. 0.01");
      }
      Long units = options.getPlanWriteUnitsPerSecond();
      if (units == null || units <= 0) {
        throw new MigrationException(
            "--planWriteUnitsPerSecond must be a positive rate, e.g. 40000, was " + units);
      }
      Double price = options.getWritePricePerMillion();
      if (price == null || !(price >= 0) || price.isInfinite()) {
        throw new MigrationException(
            "--writePricePerMillion must be 0 or a positive price in US dollars, e.g. 0.625, was "
                + price);
      }
    }
  }

  /** Unset (real AWS), 'local' (dynalite for the run), or an http(s) URL with a host. */
  private static void dynamoEndpoint(String endpoint) {
    if (endpoint == null
        || endpoint.isBlank()
        || LocalEnvironment.LOCAL_ENDPOINT.equalsIgnoreCase(endpoint)) {
      return;
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if ((!endpoint.startsWith("http://") && !endpoint.startsWith("https://"))
        || uri == null
        || uri.getHost() == null
        || uri.getPort() > 65_535) {
      throw new MigrationException(
          "--dynamoEndpoint '" + endpoint + "' is not an http(s) URL, e.g. http://127.0.0.1:8000");
    }
  }

  private static void atLeast(Integer value, int min, String option, String meaning) {
    if (value == null || value < min) {
      throw new MigrationException(
          option + " must be " + min + " or more (" + meaning + "), was " + value);
    }
  }

  private static void positive(Integer value, String option) {
    if (value == null || value <= 0) {
      throw new MigrationException(option + " must be a positive number, was " + value);
    }
  }
}
