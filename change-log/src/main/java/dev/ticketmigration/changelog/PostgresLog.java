package dev.ticketmigration.changelog;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * PostgreSQL's logical change log: pgoutput from a replication slot the reader makes ahead of the
 * connector (its position is then known before the first batch), positions are LSNs.
 */
final class PostgresLog extends LogSource {
  /** The source offset's entry {@code PostgresOffsetContext.LAST_COMMIT_LSN_KEY}. */
  static final String LAST_COMMIT_LSN = "lsn_commit";

  PostgresLog(ChangeLogReader.Settings settings) {
    super(settings);
  }

  @Override
  String schema() {
    return settings.schema() == null ? "public" : settings.schema();
  }

  @Override
  Connection connect() throws SQLException {
    return PostgresPreflight.connect(settings);
  }

  @Override
  void check() {
    PostgresPreflight.check(settings, schema());
  }

  @Override
  BigInteger takeStart(boolean forCopy) {
    return onSource(
        "create publication '"
            + settings.publicationName()
            + "' and replication slot '"
            + settings.slotName()
            + "'",
        connection -> {
          PostgresSlot.ensurePublication(connection, settings.publicationName(), schema());
          PostgresSlot.ensureSlot(connection, settings.slotName(), settings.startTimeout());
          PostgresSlot.State state = existingSlot(connection, "vanished right after it was made");
          if (forCopy && state.active()) {
            throw new ChangeLogException(
                "replication slot '"
                    + settings.slotName()
                    + "' is in use by another consumer (server process "
                    + state.activePid()
                    + "): stop the sync before a copy starts, or choose another slot name");
          }
          return unsigned(state.confirmedFlushLsn());
        });
  }

  @Override
  BigInteger confirmedPosition() {
    return onSource(
        "read replication slot '" + settings.slotName() + "'",
        connection ->
            unsigned(
                existingSlot(
                        connection,
                        "does not exist at "
                            + settings.address()
                            + ": prepare() or start() makes it")
                    .confirmedFlushLsn()));
  }

  /** The slot's state; fails with {@code missing} after the slot's name when there is none. */
  private PostgresSlot.State existingSlot(Connection connection, String missing)
      throws SQLException {
    PostgresSlot.State state = PostgresSlot.state(connection, settings.slotName());
    if (state == null) {
      throw new ChangeLogException("replication slot '" + settings.slotName() + "' " + missing);
    }
    return state;
  }

  @Override
  boolean awaitStreaming(BooleanSupplier stopped) {
    return PostgresPreflight.awaitSlotActive(settings, stopped);
  }

  @Override
  void connectorProperties(Properties props) {
    props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    props.setProperty("database.dbname", settings.address().database());
    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", settings.slotName());
    props.setProperty("publication.name", settings.publicationName());
    props.setProperty("publication.autocreate.mode", "filtered");
    // the bulk copy reads the rows; the change log only says which keys changed since
    props.setProperty("snapshot.mode", "no_data");
    // the preflight waited for the slot already; a slot still busy fails fast
    props.setProperty("slot.max.retries", "2");
    props.setProperty("slot.retry.delay.ms", "1000");
  }

  @Override
  BigInteger position(SourceRecord record) {
    Map<String, ?> offset = record.sourceOffset();
    return offset != null && offset.get(LAST_COMMIT_LSN) instanceof Number lsn
        ? unsigned(lsn.longValue())
        : null;
  }

  @Override
  long changePosition(Struct source) {
    return source.getInt64("lsn");
  }

  /** pgoutput's 32-bit transaction id, without the epoch. */
  @Override
  Long transaction(Struct source) {
    return source.schema().field("txId") == null ? null : source.getInt64("txId");
  }

  @Override
  String format(BigInteger position) {
    return PostgresSlot.formatLsn(position.longValue());
  }

  @Override
  BigInteger emitMarker(Connection connection, String prefix, String token) throws SQLException {
    PostgresSlot.emitMessage(connection, prefix, token);
    return null;
  }

  @Override
  List<String> tablesWithoutFullImages(Connection connection) throws SQLException {
    return PostgresSlot.tablesWithoutFullReplicaIdentity(connection, schema());
  }

  @Override
  String fullImageAdvice(List<String> tables) {
    return super.fullImageAdvice(tables)
        + " (their items move when a non-key column changes): run "
        + tables.stream()
            .map(table -> "ALTER TABLE " + schema() + "." + table + " REPLICA IDENTITY FULL;")
            .collect(Collectors.joining(" "));
  }

  /** An LSN is an unsigned 64-bit number. */
  static BigInteger unsigned(long lsn) {
    return new BigInteger(Long.toUnsignedString(lsn));
  }
}
