package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.pipelines.TicketSalesFromSource;
import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.reading.SourceRowMapper;
import dev.ticketmigration.transforms.reading.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The source rows of one batch's dirty keys, read on one connection in one transaction: with the
 * bulk copy's own queries ({@link TicketSalesFromSource#ticketSelect}), narrowed to the keys, so a
 * rebuilt item is what a fresh migration would write.
 */
final class SourceLookup {
  /** Ids per {@code IN (...)}: SQL Server takes at most 2,100 parameters. */
  static final int CHUNK = 500;

  private final Connection connection;
  private final SourceDatabase source;
  private final Map<String, Optional<String>> teamNames = new HashMap<>();

  SourceLookup(Connection connection, SourceDatabase source) {
    this.connection = connection;
    this.source = source;
  }

  /** The rows of a set of tickets. */
  record TicketRows(List<SourceRow> tickets, List<SourceRow> history) {}

  /** Ticket and history rows of each id (ids without any row map to empty lists). */
  Map<Long, TicketRows> tickets(Collection<Long> ids) throws SQLException {
    Map<Long, TicketRows> out = new HashMap<>();
    for (Long id : ids) {
      out.put(id, new TicketRows(new ArrayList<>(), new ArrayList<>()));
    }
    List<Long> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String in = " IN (" + chunk.stream().map(x -> "?").collect(Collectors.joining(",")) + ")";
      for (SourceRow row :
          query(
              TicketSalesFromSource.ticketSelect(source) + " WHERE t." + SourceColumns.ID + in,
              SourceTable.SPORTING_EVENT_TICKET,
              List.copyOf(chunk))) {
        out.get(idOf(row, SourceColumns.ID)).tickets().add(row);
      }
      for (SourceRow row :
          query(
              TicketSalesFromSource.historySelect(source)
                  + " WHERE h."
                  + TicketItemBuilder.HISTORY_TICKET_COLUMN
                  + in,
              SourceTable.TICKET_PURCHASE_HIST,
              List.copyOf(chunk))) {
        out.get(idOf(row, TicketItemBuilder.HISTORY_TICKET_COLUMN)).history().add(row);
      }
    }
    return out;
  }

  /** The tickets of an event: all of them change when the event's start changes. */
  Set<Long> ticketsOfEvent(long eventId) throws SQLException {
    return ids(
        SqlText.SELECT
            + SourceColumns.ID
            + " FROM "
            + source.qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
            + " WHERE "
            + SourceColumns.SPORTING_EVENT_ID
            + " = ?",
        List.of(eventId));
  }

  /** The events a team plays in: their names ("away at home") hold the team's name. */
  Set<Long> eventsOfTeam(long teamId) throws SQLException {
    return ids(
        SqlText.SELECT
            + SourceColumns.ID
            + " FROM "
            + source.qualify(SourceTable.SPORTING_EVENT.tableName())
            + " WHERE "
            + SourceColumns.HOME_TEAM_ID
            + " = ? OR "
            + SourceColumns.AWAY_TEAM_ID
            + " = ?",
        List.of(teamId, teamId));
  }

  /** A configuration row by its primary key, if it exists (a duplicate key is every row). */
  List<SourceRow> configRows(SourceTable table, List<Object> key) throws SQLException {
    String where =
        table.keyColumns().stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
    return query(
        SqlText.selectAll(source.qualify(table.tableName())) + " WHERE " + where, table, key);
  }

  /** Team names by id for event names, read once per batch. */
  ConfigItemBuilder.TeamNames teamNames() {
    return id -> {
      Optional<String> name =
          teamNames.computeIfAbsent(
              id,
              teamId -> {
                try {
                  List<SourceRow> rows =
                      configRows(SourceTable.SPORT_TEAM, List.of(Long.parseLong(teamId)));
                  Set<String> names = new LinkedHashSet<>();
                  rows.forEach(r -> names.add(r.text(SourceColumns.NAME)));
                  // a team id that names two different teams names no event, as in the copy
                  return names.size() == 1
                      ? Optional.ofNullable(names.iterator().next())
                      : Optional.empty();
                } catch (SQLException e) {
                  throw new SyncException("cannot read sport_team " + teamId, e);
                }
              });
      return name.orElse(null);
    };
  }

  private List<SourceRow> query(String sql, SourceTable table, List<Object> parameters)
      throws SQLException {
    // counted: rows read by the sync show in the progress lines like the copy's
    SourceRowMapper mapper = new SourceRowMapper(table.tableName());
    List<SourceRow> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.mapRow(rs));
        }
      }
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new SyncException("cannot read " + table.tableName() + ": " + e.getMessage(), e);
    }
    return rows;
  }

  private Set<Long> ids(String sql, List<Object> parameters) throws SQLException {
    Set<Long> ids = new LinkedHashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String digits = SourceValues.idDigits(rs.getString(1));
          if (digits != null) {
            ids.add(Long.parseLong(digits));
          }
        }
      }
    }
    return ids;
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static long idOf(SourceRow row, String column) {
    return Long.parseLong(SourceValues.idDigits(row.text(column)));
  }
}
