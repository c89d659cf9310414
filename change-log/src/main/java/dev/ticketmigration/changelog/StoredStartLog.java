package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A change log without server-side slots (MySQL's binary log, SQL Server's CDC tables): the point
 * reading starts from is the log's end when it is taken, stored as the connector's offset in the
 * offset directory, beside the connector's schema history. While a reader runs it holds a lock file
 * there, so a copy or a second reader on the same directory is refused.
 */
abstract class StoredStartLog extends LogSource {
  private FileChannel lockChannel;
  private FileLock lock;

  StoredStartLog(ChangeLogReader.Settings settings) {
    super(settings);
  }

  /** The connector's source partition, as it keys its offset. */
  abstract Map<String, String> partition();

  /** The offset of the log's end now: a connector resuming there reads what commits after. */
  abstract Map<String, Object> currentEnd(Connection connection) throws SQLException;

  /** The position an offset of this connector stands for, or null. */
  abstract BigInteger position(Map<String, ?> offset);

  @Override
  final BigInteger position(SourceRecord record) {
    Map<String, ?> offset = record.sourceOffset();
    return offset == null ? null : position(offset);
  }

  /** What to run to read this source's log from a new offset directory. */
  String engineName() {
    return "ticket-migration-" + settings.slotName();
  }

  Path historyFile() {
    return settings.offsetDirectory().resolve(settings.slotName() + ".history");
  }

  @Override
  BigInteger takeStart(boolean forCopy) {
    lock();
    try {
      return storedOrSeeded();
    } finally {
      if (forCopy) {
        release(); // a copy only checks that no reader holds it
      }
    }
  }

  /** Checks that no running reader holds this directory's position. */
  void checkFree() {
    lock();
    release();
  }

  private BigInteger storedOrSeeded() {
    Map<String, Object> stored = AtomicFileOffsetStore.storedOffset(settings.offsetFile());
    if (!stored.isEmpty()) {
      return position(stored);
    }
    // the offset directory exists: lock() made it
    return onSource(
        "read the end of the change log of " + displayName(),
        connection -> {
          Map<String, Object> end = currentEnd(connection);
          AtomicFileOffsetStore.seed(settings.offsetFile(), engineName(), partition(), end);
          return position(end);
        });
  }

  @Override
  BigInteger confirmedPosition() {
    Map<String, Object> stored = AtomicFileOffsetStore.storedOffset(settings.offsetFile());
    if (stored.isEmpty()) {
      throw new ChangeLogException(
          "the change log position '"
              + settings.slotName()
              + "' does not exist in "
              + settings.offsetDirectory()
              + ": prepare() or start() stores it");
    }
    return position(stored);
  }

  /** The engine's settings common to the history-keeping connectors. */
  void historyProperties(Properties props) {
    props.setProperty(
        "schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
    props.setProperty("schema.history.internal.file.filename", historyFile().toString());
    props.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
    // the stored start has no history yet: "recovery" reads the tables' structure, then streams
    // from the stored offset; later starts resume with the history kept
    props.setProperty("snapshot.mode", Files.exists(historyFile()) ? "no_data" : "recovery");
    props.setProperty("include.schema.changes", "false");
  }

  /** Holds the directory's lock file while this reader runs. */
  private void lock() {
    Path file = settings.offsetDirectory().resolve(settings.slotName() + ".lock");
    try {
      Files.createDirectories(settings.offsetDirectory());
      lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      throw new ChangeLogException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      release();
      throw new ChangeLogException(
          "the change log position '"
              + settings.slotName()
              + "' in "
              + settings.offsetDirectory()
              + " is in use by a running reader: stop the sync first, or choose another slot name");
    }
  }

  @Override
  void release() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // the lock goes with the channel or the process
    } finally {
      lock = null;
      lockChannel = null;
    }
  }

  /**
   * Fails naming the DMS_SAMPLE tables missing from {@link #schema()}; {@code information_schema}
   * reads the same on MySQL and SQL Server.
   */
  void checkTables(Connection connection) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      statement.setString(1, schema());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    Arrays.stream(SourceTable.values())
        .map(SourceTable::tableName)
        .filter(name -> !found.contains(name))
        .forEach(missing::add);
    if (!missing.isEmpty()) {
      throw new ChangeLogException(
          displayName()
              + " at "
              + settings.address()
              + ": "
              + schema()
              + " lacks the DMS_SAMPLE table(s) "
              + String.join(", ", missing)
              + ": name the schema that holds them");
    }
  }
}
