package dev.ticketmigration.benchmarks;

import dev.ticketmigration.schemas.ItemValidator;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.reading.SourceRowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hand-written migrator's read: ONE query joining each ticket with its event's start and its
 * purchase-history rows, ordered by ticket id, streamed with a cursor; consecutive rows of one
 * ticket form its group, which the project's {@link TicketItemBuilder} turns into items (checked
 * with {@link ItemValidator} as the pipeline does). A LEFT JOIN from the tickets: history rows of a
 * missing ticket (none in generated data) are not seen, where the pipeline dead-letters them.
 */
final class TicketJoin {
  private TicketJoin() {}

  private static final String HISTORY_PREFIX = "h_";
  private static final int INDEXES = TargetTable.TICKET_SALES.indexNames().size();

  /** What one pass read and built. */
  record Stats(long rows, long tickets, long historyRows, long items, long rejectedTickets) {}

  static String sql(String schema) {
    String s = schema == null || schema.isBlank() ? "" : schema + ".";
    return "SELECT t.*, e.start_date_time AS "
        + TicketItemBuilder.EVENT_START_COLUMN
        + ",\n"
        + "  h.purchased_by_id AS h_purchased_by_id,\n"
        + "  h.transaction_date_time AS h_transaction_date_time,\n"
        + "  h.transferred_from_id AS h_transferred_from_id,\n"
        + "  h.purchase_price AS h_purchase_price\n"
        + "FROM "
        + s
        + "sporting_event_ticket t\n"
        + "LEFT JOIN "
        + s
        + "sporting_event e ON e.id = t.sporting_event_id\n"
        + "LEFT JOIN "
        + s
        + "ticket_purchase_hist h ON h.sporting_event_ticket_id = t.id\n"
        + "ORDER BY t.id";
  }

  /** Streams every ticket's items to {@code out}; the connection's autocommit is turned off. */
  static Stats run(
      Connection c, String schema, int fetchSize, Consumer<Map<String, AttributeValue>> out)
      throws SQLException {
    c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
    long rows = 0;
    long tickets = 0;
    long historyRows = 0;
    long items = 0;
    long rejected = 0;
    try (PreparedStatement st =
        c.prepareStatement(sql(schema), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      st.setFetchSize(fetchSize);
      try (ResultSet rs = st.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] names = new String[n + 1];
        int[] types = new int[n + 1];
        SourceRow.Kind[] kinds = new SourceRow.Kind[n + 1];
        int idColumn = -1;
        int historyKeyColumn = -1;
        for (int i = 1; i <= n; i++) {
          names[i] = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
          types[i] = meta.getColumnType(i);
          kinds[i] = SourceRowMapper.kindOf(types[i]);
          if (names[i].equals("id")) {
            idColumn = i;
          }
          if (names[i].equals("h_purchased_by_id")) {
            historyKeyColumn = i;
          }
        }
        long currentId = Long.MIN_VALUE;
        SourceRow ticket = null;
        List<SourceRow> history = new ArrayList<>();
        while (rs.next()) {
          rows++;
          long id = rs.getLong(idColumn);
          if (ticket == null || id != currentId) {
            if (ticket != null) {
              long built = emit(ticket, history, out);
              items += Math.max(0, built);
              rejected += built < 0 ? 1 : 0;
            }
            tickets++;
            currentId = id;
            ticket = ticketRow(rs, names, types, kinds);
            history = new ArrayList<>(2);
          }
          if (rs.getObject(historyKeyColumn) != null) {
            historyRows++;
            history.add(historyRow(rs, names, types, kinds, id));
          }
        }
        if (ticket != null) {
          long built = emit(ticket, history, out);
          items += Math.max(0, built);
          rejected += built < 0 ? 1 : 0;
        }
      }
    }
    c.commit();
    return new Stats(rows, tickets, historyRows, items, rejected);
  }

  /** Number of items sent, or -1 when the ticket is rejected (bad data). */
  private static long emit(
      SourceRow ticket, List<SourceRow> history, Consumer<Map<String, AttributeValue>> out) {
    List<Map<String, AttributeValue>> items;
    try {
      items = TicketItemBuilder.build(List.of(ticket), history);
      for (Map<String, AttributeValue> item : items) {
        if (ItemValidator.problem(item, INDEXES) != null) {
          return -1;
        }
      }
    } catch (RejectedRowException e) {
      return -1;
    }
    items.forEach(out);
    return items.size();
  }

  private static SourceRow ticketRow(
      ResultSet rs, String[] names, int[] types, SourceRow.Kind[] kinds) throws SQLException {
    SourceRow.Builder row = SourceRow.builder("sporting_event_ticket");
    for (int i = 1; i < names.length; i++) {
      if (!names[i].startsWith(HISTORY_PREFIX)) {
        row.add(names[i], kinds[i], SourceRowMapper.read(rs, i, types[i], kinds[i]));
      }
    }
    return row.build();
  }

  private static SourceRow historyRow(
      ResultSet rs, String[] names, int[] types, SourceRow.Kind[] kinds, long ticketId)
      throws SQLException {
    SourceRow.Builder row = SourceRow.builder("ticket_purchase_hist");
    row.add(
        TicketItemBuilder.HISTORY_TICKET_COLUMN, SourceRow.Kind.NUMBER, Long.toString(ticketId));
    for (int i = 1; i < names.length; i++) {
      if (names[i].startsWith(HISTORY_PREFIX)) {
        row.add(
            names[i].substring(HISTORY_PREFIX.length()),
            kinds[i],
            SourceRowMapper.read(rs, i, types[i], kinds[i]));
      }
    }
    return row.build();
  }
}
