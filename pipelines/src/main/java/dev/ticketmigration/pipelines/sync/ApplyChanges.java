package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.changelog.ChangeBatch;
import dev.ticketmigration.changelog.DirtyKey;
import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.items.ConfigItems;
import dev.ticketmigration.transforms.items.TicketSalesItems;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies one batch of changes: every dirty key is rebuilt from the source as it is now, with the
 * migration's own builders, and written conditionally at the batch's position.
 *
 * <ol>
 *   <li>Coalesce: a key changed many times in the batch is rebuilt once. A team's change also
 *       dirties its events (their names); an event's new start dirties its tickets.
 *   <li>Read every row the keys need on one connection, in one repeatable-read transaction (the
 *       ticket and its history from one snapshot), and build the items.
 *   <li>Write in parallel lanes, one key per task. A ticket's stale items (a transfer whose history
 *       row went) are deleted, its transfers put, and its ticket item put last. A key whose row is
 *       gone, or whose rows the builders reject (dead letter), loses its items: a fresh migration
 *       would not write them.
 * </ol>
 *
 * Only after this returns may the batch be confirmed: a crash in between replays the batch, and the
 * replay rebuilds from the source again.
 */
final class ApplyChanges {
  private final SyncSettings settings;
  private final DataSource dataSource;
  private final DynamoDbClient client;
  private final ExecutorService lanes;
  private final Consumer<DeadLetter> deadLetters;
  private final String ticketSales;
  private final String config;

  ApplyChanges(
      SyncSettings settings,
      DataSource dataSource,
      DynamoDbClient client,
      ExecutorService lanes,
      Consumer<DeadLetter> deadLetters) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.client = client;
    this.lanes = lanes;
    this.deadLetters = deadLetters;
    this.ticketSales = settings.tableName(TargetTable.TICKET_SALES);
    this.config = settings.tableName(TargetTable.CONFIG);
  }

  /** A config row to rebuild: its table, key values and the image before its last change. */
  private record ConfigKey(SourceTable table, List<Object> key) {}

  /** The writes of one key, built in the read phase and run in a lane. */
  private interface KeyWrite {
    void run(ConditionalWrites writes);
  }

  /** Applies {@code batch}; throws when the source or the target fails (nothing is confirmed). */
  void apply(ChangeBatch batch, SyncCounters counters) {
    Set<Long> tickets = new LinkedHashSet<>();
    Map<ConfigKey, Map<String, Object>> configs = new LinkedHashMap<>();
    for (DirtyKey change : batch.keys()) {
      if (!settings.follows(change.table())) {
        continue;
      }
      if (change.operation() == DirtyKey.Operation.TRUNCATE) {
        throw new SyncException(
            change.table().tableName()
                + " was truncated at the source: run --mode=MIGRATE for it again, then restart"
                + " the sync");
      }
      counters.change(change.table().tableName());
      if (change.isTicket()) {
        if (settings.follows(change.ticketId())) {
          tickets.add(change.ticketId());
        }
      } else {
        ConfigKey key = new ConfigKey(change.table(), change.key());
        // the first before image of the batch is the key's item as the target holds it now
        configs.putIfAbsent(key, change.before());
      }
    }
    List<KeyWrite> writes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      if (!batch.transactions().isEmpty()) {
        // the snapshot every read below shares must hold the changes this batch was sent for
        Visibility.await(connection, batch.transactions(), Visibility.TIMEOUT);
      }
      SourceLookup lookup = new SourceLookup(connection, settings.source());
      expandDependents(lookup, configs, tickets);
      for (Map.Entry<ConfigKey, Map<String, Object>> entry : configs.entrySet()) {
        writes.add(configWrite(lookup, entry.getKey(), entry.getValue(), counters));
      }
      for (Map.Entry<Long, SourceLookup.TicketRows> entry : lookup.tickets(tickets).entrySet()) {
        writes.add(ticketWrite(entry.getKey(), entry.getValue(), counters));
      }
      connection.commit();
    } catch (SQLException e) {
      throw new SyncException("cannot read the changed rows from the source: " + e.getMessage(), e);
    }
    run(writes, new ConditionalWrites(client, batch.position(), counters));
  }

  /**
   * Adds the keys a change makes stale besides its own: the events of a changed team (named after
   * it), the tickets of an event whose start moved or that came or went (their items carry it).
   */
  private void expandDependents(
      SourceLookup lookup, Map<ConfigKey, Map<String, Object>> configs, Set<Long> tickets)
      throws SQLException {
    List<ConfigKey> changed = new ArrayList<>(configs.keySet());
    for (ConfigKey key : changed) {
      long id = key.key().isEmpty() ? -1 : idOf(key.key().get(0));
      if (key.table() == SourceTable.SPORT_TEAM && settings.follows(SourceTable.SPORTING_EVENT)) {
        for (Long event : lookup.eventsOfTeam(id)) {
          configs.putIfAbsent(new ConfigKey(SourceTable.SPORTING_EVENT, List.of(event)), null);
        }
      }
    }
    for (Map.Entry<ConfigKey, Map<String, Object>> entry : configs.entrySet()) {
      ConfigKey key = entry.getKey();
      if (key.table() != SourceTable.SPORTING_EVENT || !settings.slice().ticketSales()) {
        continue;
      }
      if (changed.contains(key) && startMoved(lookup, key, entry.getValue())) {
        for (Long ticket : lookup.ticketsOfEvent(idOf(key.key().get(0)))) {
          if (settings.follows(ticket)) {
            tickets.add(ticket);
          }
        }
      }
    }
  }

  /** Whether an event's tickets must be rebuilt: its start changed, or it came or went. */
  private static boolean startMoved(SourceLookup lookup, ConfigKey key, Map<String, Object> before)
      throws SQLException {
    List<SourceRow> rows = lookup.configRows(key.table(), key.key());
    if (before == null || rows.size() != 1) {
      // no image to compare with (an insert; or a source without REPLICA IDENTITY FULL): rebuild
      return true;
    }
    SourceRow old = BeforeImage.row(key.table(), before);
    return !Objects.equals(
        old.text(SourceColumns.START_DATE_TIME), rows.get(0).text(SourceColumns.START_DATE_TIME));
  }

  private KeyWrite configWrite(
      SourceLookup lookup, ConfigKey key, Map<String, Object> before, SyncCounters counters)
      throws SQLException {
    List<SourceRow> rows = lookup.configRows(key.table(), key.key());
    Map<String, AttributeValue> item = null;
    if (rows.size() == 1) {
      try {
        item = ConfigItems.itemOf(key.table(), rows.get(0), lookup.teamNames());
      } catch (RejectedRowException e) {
        reject(rows, e.reason(), counters);
      }
    } else if (rows.size() > 1) {
      reject(rows, rows.size() + " rows share this primary key; none written", counters);
    }
    // the item the target may hold now: under the key before the change, else the key's own
    Map<String, AttributeValue> stale =
        keyOf(
            key.table(),
            before != null ? BeforeImage.row(key.table(), before) : keyRow(key), // may be partial
            rows.isEmpty() ? null : rows.get(0));
    Map<String, AttributeValue> put = item;
    return writes -> {
      if (stale != null && (put == null || !sameKey(stale, put))) {
        writes.delete(config, stale);
      }
      if (put != null) {
        // as for tickets: an item that holds the content already is left as it is
        Map<String, AttributeValue> stored = writes.get(config, put);
        if (stored == null || !ConditionalWrites.sameContent(stored, put)) {
          writes.put(config, put);
        } else {
          counters.unchanged(config);
        }
      }
    };
  }

  private KeyWrite ticketWrite(long id, SourceLookup.TicketRows rows, SyncCounters counters) {
    List<Map<String, AttributeValue>> items = List.of();
    if (!rows.tickets().isEmpty() || !rows.history().isEmpty()) {
      try {
        items = TicketSalesItems.itemsOf(rows.tickets(), rows.history());
      } catch (RejectedRowException e) {
        List<SourceRow> all = new ArrayList<>(rows.tickets());
        all.addAll(rows.history());
        reject(all, e.reason(), counters);
      }
    }
    String pk = KeyFormats.ticketPk(Long.toString(id));
    List<Map<String, AttributeValue>> built = items;
    return writes -> {
      Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
      for (Map<String, AttributeValue> item : writes.itemsUnder(ticketSales, pk)) {
        stored.put(item.get(Attr.SK).s(), item);
      }
      Set<String> keep = new HashSet<>();
      built.forEach(item -> keep.add(item.get(Attr.SK).s()));
      for (Map.Entry<String, Map<String, AttributeValue>> entry : stored.entrySet()) {
        if (!keep.contains(entry.getKey())) {
          writes.delete(ticketSales, entry.getValue());
        }
      }
      // the ticket item last: readers see a transfer before the ticket that shows its owner;
      // an item that already holds the content is left as it is (a sale adds one transfer, it
      // does not rewrite the others)
      List<Map<String, AttributeValue>> ordered = new ArrayList<>();
      Map<String, AttributeValue> ticket = null;
      for (Map<String, AttributeValue> item : built) {
        if (KeyFormats.TICKET_SK.equals(item.get(Attr.SK).s())) {
          ticket = item;
        } else {
          ordered.add(item);
        }
      }
      if (ticket != null) {
        ordered.add(ticket);
      }
      for (Map<String, AttributeValue> item : ordered) {
        Map<String, AttributeValue> old = stored.get(item.get(Attr.SK).s());
        if (old == null || !ConditionalWrites.sameContent(old, item)) {
          writes.put(ticketSales, item);
        } else {
          counters.unchanged(ticketSales);
        }
      }
    };
  }

  private void run(List<KeyWrite> writes, ConditionalWrites target) {
    List<Future<?>> running = new ArrayList<>();
    for (KeyWrite write : writes) {
      running.add(lanes.submit(() -> write.run(target)));
    }
    SyncException failure = null;
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure =
            failure != null
                ? failure
                : new SyncException(
                    "cannot write to DynamoDB: " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException("interrupted while writing a batch of changes", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void reject(List<SourceRow> rows, String reason, SyncCounters counters) {
    for (SourceRow row : rows) {
      counters.rejected(row.table());
      deadLetters.accept(DeadLetter.of(row, reason));
    }
  }

  /**
   * The key (PK, SK, entity) of the config item {@code row} maps to; null when even the key columns
   * are unusable. {@code current} fills columns a partial image lacks.
   */
  private static Map<String, AttributeValue> keyOf(
      SourceTable table, SourceRow row, SourceRow current) {
    try {
      ConfigItemBuilder.Key key = ConfigItemBuilder.key(table, row);
      return Map.of(
          Attr.PK,
          Items.s(key.pk()),
          Attr.SK,
          Items.s(key.sk()),
          Attr.ENTITY,
          Items.s(key.entity().name()));
    } catch (RejectedRowException e) {
      if (current != null && current != row) {
        return keyOf(table, current, null);
      }
      return null;
    }
  }

  private static SourceRow keyRow(ConfigKey key) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < key.table().keyColumns().size(); i++) {
      values.put(key.table().keyColumns().get(i), key.key().get(i));
    }
    return BeforeImage.row(key.table(), values);
  }

  private static boolean sameKey(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return a.get(Attr.PK).equals(b.get(Attr.PK)) && a.get(Attr.SK).equals(b.get(Attr.SK));
  }

  private static long idOf(Object value) {
    return ((Number) value).longValue();
  }
}
