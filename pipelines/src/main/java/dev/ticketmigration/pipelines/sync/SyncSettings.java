package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.changelog.ChangeLogReader;
import dev.ticketmigration.pipelines.Slice;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a sync follows, where it writes, and when it stops. The password is kept for the change
 * log's own connection and never printed ({@link #toString}).
 *
 * @param jdbcUrl the source: PostgreSQL, MySQL ({@code jdbc:mariadb:}) or SQL Server
 * @param schema the tables' schema; null for the source's default
 * @param stateDir where the confirmed change-log position survives a restart
 * @param deadLetterFile where rejected rows go, one JSON line each, written before their batch is
 *     confirmed
 * @param lanes threads writing one batch's keys in parallel
 * @param stopWhenCaughtUp stop once every change committed before the stop was asked is applied
 */
public record SyncSettings(
    SourceDatabase source,
    DynamoTarget target,
    Slice slice,
    String jdbcUrl,
    String user,
    String password,
    @Nullable String schema,
    String slot,
    String publication,
    String stateDir,
    String deadLetterFile,
    int lanes,
    boolean stopWhenCaughtUp)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SyncSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(password, "password");
  }

  /** A reader of this sync's slot; not started. */
  public ChangeLogReader newReader() {
    return readerOf(jdbcUrl, user, password, schema, slot, publication, stateDir)
        // the position reaches the slot with every stored confirmation or beat: a quiet source
        // still lets PostgreSQL recycle its log
        .heartbeatInterval(Duration.ofSeconds(2))
        .build();
  }

  /** A position of this sync's source as the source writes it. */
  public String formatPosition(BigInteger position) {
    return newReader().formatPosition(position);
  }

  /**
   * The change-log reader of a source, slot and state folder: the one the sync follows and the
   * copy's hand-over prepares ({@code --syncSlot}) must be the same.
   *
   * @param schema null: the source's default ({@code public}, the URL's database, {@code dbo})
   */
  public static ChangeLogReader.Builder readerOf(
      String jdbcUrl,
      String user,
      String password,
      @Nullable String schema,
      String slot,
      String publication,
      String stateDir) {
    ChangeLogReader.Builder builder =
        ChangeLogReader.builder()
            .jdbcUrl(jdbcUrl)
            .user(user)
            .password(password)
            .slotName(slot)
            .publicationName(publication)
            .offsetDirectory(Path.of(stateDir));
    return schema == null ? builder : builder.schema(schema);
  }

  /** Whether changes of {@code table} are in this sync's slice. */
  boolean follows(SourceTable table) {
    return table.kind() == SourceTable.Kind.TICKET
        ? slice.ticketSales()
        : slice.configTables().contains(table);
  }

  /** Whether a ticket is in this sync's slice (its id bounds). */
  boolean follows(long ticketId) {
    return slice.ticketSales()
        && (slice.minTicketId() == null || ticketId >= slice.minTicketId())
        && (slice.maxTicketId() == null || ticketId <= slice.maxTicketId());
  }

  String tableName(TargetTable table) {
    return table.tableName(target.tablePrefix());
  }

  @Override
  public String toString() {
    // no URL: it may carry inline secrets
    return "SyncSettings[slot " + slot + ", publication " + publication + "]";
  }
}
