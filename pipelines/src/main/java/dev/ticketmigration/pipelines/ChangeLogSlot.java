package dev.ticketmigration.pipelines;

import dev.ticketmigration.changelog.ChangeLogException;
import dev.ticketmigration.changelog.ChangeLogReader;
import dev.ticketmigration.pipelines.sync.SyncSettings;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The change log a sync follows: its slot is taken before the bulk copy reads anything (MIGRATE
 * with --syncSlot), so every change committed during the copy is delivered to the sync afterwards;
 * and the checks a sync needs before it starts, each one line naming what to enable.
 */
final class ChangeLogSlot {
  private ChangeLogSlot() {}

  static final String DEFAULT_SLOT = "ticket_migration";

  static String slot(MigrationOptions options) {
    return options.getSyncSlot() != null ? options.getSyncSlot() : DEFAULT_SLOT;
  }

  /**
   * Creates the publication and the slot if missing and says where the change log starts. A MIGRATE
   * run refuses a slot a running sync holds: the copy's unconditional writes must never race the
   * sync's.
   */
  static void prepare(MigrationOptions options, @Nullable String password, PrintStream out) {
    try (ChangeLogReader reader = reader(options, password)) {
      if (options.getMode() == MigrationOptions.Mode.SYNC) {
        reader.check();
        List<String> missing = reader.tablesWithoutFullReplicaIdentity();
        if (!missing.isEmpty()) {
          throw new MigrationException(
              ChangeLogReader.fullReplicaIdentityAdvice(schema(options), missing)
                  + " (at the source; see docs/operations.md)");
        }
        requireSlot(reader, options);
        return;
      }
      long position = reader.prepare();
      out.println(
          "Change log: slot "
              + slot(options)
              + " keeps every change from "
              + ChangeLogReader.formatLsn(position)
              + " on; when this copy is done, run --mode=SYNC with the same --syncSlot");
    } catch (ChangeLogException e) {
      throw new MigrationException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new MigrationException(e.getMessage() + ": fix --syncSlot or --syncPublication");
    }
  }

  /**
   * A sync needs the slot the copy took: one it made itself would start after the copy, and the
   * changes between the two would be lost.
   */
  private static void requireSlot(ChangeLogReader reader, MigrationOptions options) {
    try {
      reader.confirmedPosition();
    } catch (ChangeLogException e) {
      if (e.getMessage().contains("does not exist")) {
        throw new MigrationException(
            "replication slot '"
                + slot(options)
                + "' does not exist: run --mode=MIGRATE --syncSlot="
                + slot(options)
                + " first (the slot is taken before the copy reads, so no change is lost between"
                + " the copy and the sync)");
      }
      throw e;
    }
  }

  static SyncSettings syncSettings(
      MigrationOptions options,
      SourceDatabase source,
      DynamoTarget target,
      Slice slice,
      @Nullable String password) {
    if (slice.slicesByDate()) {
      throw new MigrationException(
          "--eventDateFrom/--eventDateTo do not slice a sync (a ticket's event date can change):"
              + " slice it by --tables or --minTicketId/--maxTicketId");
    }
    return new SyncSettings(
        source,
        target,
        slice,
        options.getSourceUrl(),
        options.getSourceUser() == null ? "postgres" : options.getSourceUser(),
        password == null ? "" : password,
        schema(options),
        slot(options),
        options.getSyncPublication(),
        options.getSyncStateDir(),
        Path.of(options.getDeadLetterDir())
            .resolve(WriteDeadLetters.filePrefix(options.getRunId()) + "-sync.jsonl")
            .toString(),
        options.getSyncLanes(),
        options.getStopWhenCaughtUp());
  }

  private static ChangeLogReader reader(MigrationOptions options, @Nullable String password) {
    return ChangeLogReader.builder()
        .jdbcUrl(options.getSourceUrl())
        .user(options.getSourceUser() == null ? "postgres" : options.getSourceUser())
        .password(password == null ? "" : password)
        .schema(schema(options))
        .slotName(slot(options))
        .publicationName(options.getSyncPublication())
        .offsetDirectory(Path.of(options.getSyncStateDir()))
        .build();
  }

  private static String schema(MigrationOptions options) {
    String schema = options.getSourceSchema();
    return schema == null || schema.isBlank() ? "public" : schema.trim();
  }

  /** The sync's options, before any I/O. */
  static void checkOptions(MigrationOptions options) {
    requirePostgres(options);
    if (!SLOT_NAME.matcher(slot(options)).matches()) {
      throw new MigrationException(
          "--syncSlot '" + slot(options) + "' must be 1 to 63 lower-case letters, digits or _");
    }
    if (options.getSyncPublication() == null
        || !SLOT_NAME.matcher(options.getSyncPublication()).matches()) {
      throw new MigrationException(
          "--syncPublication '"
              + options.getSyncPublication()
              + "' must be 1 to 63 lower-case letters, digits or _");
    }
    Integer lanes = options.getSyncLanes();
    if (lanes == null || lanes < 1 || lanes > 256) {
      throw new MigrationException(
          "--syncLanes must be 1 to 256 (threads writing one batch), was " + lanes);
    }
  }

  private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

  private static void requirePostgres(MigrationOptions options) {
    String url = options.getSourceUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new MigrationException(
          "--mode=SYNC and --syncSlot follow a PostgreSQL change log (logical replication);"
              + " this source is "
              + (url == null ? "the embedded H2 demo" : Secrets.redactUrl(url))
              + ": for SQL Server and MySQL see docs/operations.md, else cut over with"
              + " VERIFY --repair during a write freeze");
    }
  }
}
