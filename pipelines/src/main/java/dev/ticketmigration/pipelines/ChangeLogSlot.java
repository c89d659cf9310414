package dev.ticketmigration.pipelines;

import dev.ticketmigration.changelog.ChangeLogException;
import dev.ticketmigration.changelog.ChangeLogReader;
import dev.ticketmigration.pipelines.sync.SyncSettings;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.PrintStream;
import java.math.BigInteger;
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
   * Takes the change log's start if not taken (PostgreSQL: publication and slot; MySQL and SQL
   * Server: the log's end stored in --syncStateDir) and says where it is. A MIGRATE run refuses a
   * start a running sync holds: the copy's unconditional writes must never race the sync's. A SYNC
   * run only checks, and requires the start a copy took.
   */
  static void prepare(MigrationOptions options, @Nullable String password, PrintStream out) {
    try (ChangeLogReader reader = reader(options, password)) {
      if (options.getMode() == MigrationOptions.Mode.SYNC) {
        reader.check();
        List<String> missing = reader.tablesWithoutFullReplicaIdentity();
        if (!missing.isEmpty()) {
          throw new MigrationException(
              reader.fullImageAdvice(missing) + " (at the source; see docs/operations.md)");
        }
        requireStart(reader, options);
        return;
      }
      BigInteger position = reader.prepare();
      out.println(
          "Change log: "
              + (isPostgres(options)
                  ? "slot " + slot(options)
                  : "start '" + slot(options) + "' in " + options.getSyncStateDir())
              + " keeps every change from "
              + reader.formatPosition(position)
              + " on; when this copy is done, run --mode=SYNC with the same --syncSlot"
              + (isPostgres(options) ? "" : " and --syncStateDir"));
    } catch (ChangeLogException e) {
      throw new MigrationException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new MigrationException(e.getMessage() + ": fix --syncSlot or --syncPublication");
    }
  }

  /**
   * A sync needs the start the copy took: one it took itself would come after the copy, and the
   * changes between the two would be lost.
   */
  private static void requireStart(ChangeLogReader reader, MigrationOptions options) {
    try {
      reader.confirmedPosition();
    } catch (ChangeLogException e) {
      if (e.getMessage().contains("does not exist")) {
        throw new MigrationException(
            (isPostgres(options)
                    ? "replication slot '" + slot(options) + "' does not exist"
                    : "no change-log start '"
                        + slot(options)
                        + "' in --syncStateDir="
                        + options.getSyncStateDir())
                + ": run --mode=MIGRATE --syncSlot="
                + slot(options)
                + (isPostgres(options) ? "" : " --syncStateDir=" + options.getSyncStateDir())
                + " first (the start is taken before the copy reads, so no change is lost between"
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
        user(options),
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
    return SyncSettings.readerOf(
            options.getSourceUrl(),
            user(options),
            password == null ? "" : password,
            schema(options),
            slot(options),
            options.getSyncPublication(),
            options.getSyncStateDir())
        .build();
  }

  /** The tables' schema, or null for the source's default (public, the URL's database, dbo). */
  private static @Nullable String schema(MigrationOptions options) {
    String schema = options.getSourceSchema();
    return schema == null || schema.isBlank() ? null : schema.trim();
  }

  /** The source's user; unset, each kind's administrator. */
  private static String user(MigrationOptions options) {
    if (options.getSourceUser() != null) {
      return options.getSourceUser();
    }
    String url = options.getSourceUrl();
    return url.startsWith("jdbc:sqlserver:")
        ? "sa"
        : url.startsWith("jdbc:postgresql:") ? "postgres" : "root";
  }

  private static boolean isPostgres(MigrationOptions options) {
    return options.getSourceUrl().startsWith("jdbc:postgresql:");
  }

  /** The sync's options, before any I/O. */
  static void checkOptions(MigrationOptions options) {
    requireChangeLog(options);
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

  private static void requireChangeLog(MigrationOptions options) {
    String url = options.getSourceUrl();
    if (url == null
        || !(url.startsWith("jdbc:postgresql:")
            || url.startsWith("jdbc:mariadb:")
            || url.startsWith("jdbc:mysql:")
            || url.startsWith("jdbc:sqlserver:"))) {
      throw new MigrationException(
          "--mode=SYNC and --syncSlot follow the change log of PostgreSQL, MySQL or SQL Server;"
              + " this source is "
              + (url == null ? "the embedded H2 demo" : Secrets.redactUrl(url))
              + ": cut over with VERIFY --repair during a write freeze (docs/operations.md)");
    }
  }
}
