package dev.ticketmigration.accesspatterns;

import static dev.ticketmigration.schemas.SourceColumns.ABBREVIATED_NAME;
import static dev.ticketmigration.schemas.SourceColumns.AWAY_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.CITY;
import static dev.ticketmigration.schemas.SourceColumns.FULL_NAME;
import static dev.ticketmigration.schemas.SourceColumns.HOME_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.LONG_NAME;
import static dev.ticketmigration.schemas.SourceColumns.NAME;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASED_BY_ID;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASE_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.SEAT;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_LEVEL;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_ROW;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_SECTION;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_TICKET_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LEAGUE_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LOCATION_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TYPE_NAME;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE_TIME;
import static dev.ticketmigration.schemas.SourceColumns.TICKETHOLDER_ID;
import static dev.ticketmigration.schemas.SourceColumns.TICKET_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.TRANSACTION_DATE_TIME;
import static dev.ticketmigration.schemas.SourceColumns.TRANSFERRED_FROM_ID;

import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.RowFields;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL twin of every read pattern, asked of the source database, answering with the same records
 * in the same order as {@link TicketSalesPatterns} and {@link ConfigPatterns}: what "its answer
 * must equal the same question asked in SQL of the source" (SPEC §3) is checked against.
 *
 * <p>Table names are schema-qualified after checking the schema is a plain identifier; every value
 * is a bound parameter. Text filters are re-checked exactly in Java, since MariaDB compares
 * VARCHARs ignoring trailing spaces. Order: SQL cannot portably sort text by UTF-8 bytes, so the
 * rows are sorted in Java by the sort key the index would hold for them.
 */
public final class SourceQueries {
  private final Connection connection;
  private final @Nullable String schema;

  /**
   * Questions asked over {@code connection} (the caller keeps and closes it) of the tables in
   * {@code schema} (a database on MariaDB/MySQL), or of the connection's default when null/empty.
   */
  public SourceQueries(Connection connection, @Nullable String schema) {
    this.connection = Objects.requireNonNull(connection, "connection");
    if (schema != null && !schema.isEmpty()) {
      SqlIdentifier.require(schema, "schema");
    }
    this.schema = schema == null || schema.isEmpty() ? null : schema;
  }

  /** Twin of {@link TicketSalesPatterns#ticketsOwnedBy}: tickets whose holder is the person. */
  public List<TicketSummary> ticketsOwnedBy(long ownerId) throws SQLException {
    List<TicketSummary> rows =
        tickets(
            ticketSelect() + "WHERE " + in("t", TICKETHOLDER_ID) + " = ?",
            ps -> ps.setLong(1, ownerId));
    return IndexOrder.sorted(rows, TicketSummary::ownerIndexSortKey, TicketSummary.TIE_BREAK);
  }

  /**
   * Twin of {@link TicketSalesPatterns#availableTickets}: tickets without a holder at the venue
   * whose event starts on that date (the event's {@code start_date}).
   */
  public List<TicketSummary> availableTickets(long locationId, LocalDate eventDate)
      throws SQLException {
    Objects.requireNonNull(eventDate, "eventDate");
    List<TicketSummary> rows =
        tickets(
            ticketSelect()
                + "WHERE "
                + in("t", TICKETHOLDER_ID)
                + " IS NULL AND "
                + in("t", SPORT_LOCATION_ID)
                + " = ? AND "
                + in("e", START_DATE)
                + " = ?",
            ps -> {
              ps.setLong(1, locationId);
              ps.setObject(2, eventDate);
            });
    return IndexOrder.sorted(rows, TicketSummary::seatIndexSortKey, TicketSummary.TIE_BREAK);
  }

  /**
   * Twin of {@link TicketSalesPatterns#transfersFrom}: history rows the person transferred from.
   */
  public List<TicketTransfer> transfersFrom(long personId) throws SQLException {
    return transfers(in("h", TRANSFERRED_FROM_ID) + " = ?", personId);
  }

  /** Twin of {@link TicketSalesPatterns#transfersTo}: transfer rows whose buyer is the person. */
  public List<TicketTransfer> transfersTo(long personId) throws SQLException {
    return transfers(
        in("h", PURCHASED_BY_ID) + " = ? AND " + in("h", TRANSFERRED_FROM_ID) + " IS NOT NULL",
        personId);
  }

  /** Twin of {@link ConfigPatterns#teamsOfLeague}. */
  public List<Team> teamsOfLeague(String sportType, String league) throws SQLException {
    Objects.requireNonNull(sportType, "sportType");
    Objects.requireNonNull(league, "league");
    List<Team> teams =
        teams(SPORT_TYPE_NAME + " = ? AND " + SPORT_LEAGUE_SHORT_NAME + " = ?", sportType, league)
            .stream()
            .filter(t -> t.sportTypeName().equals(sportType) && t.leagueShortName().equals(league))
            .toList();
    return IndexOrder.sorted(teams, Team::id, Team.TIE_BREAK);
  }

  /** Twin of {@link ConfigPatterns#seatsOfVenue}. */
  public List<Seat> seatsOfVenue(long locationId) throws SQLException {
    List<Seat> seats =
        rows(
            SourceTable.SEAT,
            SPORT_LOCATION_ID + " = ?",
            ps -> ps.setLong(1, locationId),
            rs -> Seat.from(ResultColumns.row(rs)));
    return IndexOrder.sorted(seats, Seat::sortKey, Comparator.comparing(Seat::sortKey));
  }

  /** Twin of {@link ConfigPatterns#locationsInCity}. */
  public List<Location> locationsInCity(String city) throws SQLException {
    if (city == null || city.isEmpty()) {
      return List.of();
    }
    List<Location> locations =
        rows(
                SourceTable.SPORT_LOCATION,
                CITY + " = ?",
                ps -> ps.setString(1, city),
                rs -> Location.from(ResultColumns.row(rs)))
            .stream()
            .filter(location -> location.city().equals(city))
            .toList();
    return IndexOrder.sorted(locations, Location::id, Location.TIE_BREAK);
  }

  /** Twin of {@link ConfigPatterns#teamsByAbbreviation}. */
  public List<Team> teamsByAbbreviation(String abbreviation) throws SQLException {
    if (abbreviation == null || abbreviation.isEmpty()) {
      return List.of();
    }
    List<Team> teams =
        teams(ABBREVIATED_NAME + " = ?", abbreviation).stream()
            .filter(t -> abbreviation.equals(t.abbreviatedName()))
            .toList();
    return IndexOrder.sorted(teams, Team::id, Team.TIE_BREAK);
  }

  /**
   * Twin of {@link ConfigPatterns#byName}: every configuration row whose descriptive name (the
   * column the migration writes as {@code name}) is {@code name}, as the item key it becomes.
   */
  public List<NamedItem> byName(String name) throws SQLException {
    if (name == null || name.isEmpty()) {
      return List.of();
    }
    List<NamedItem> found = new ArrayList<>();
    for (SourceTable table : NAMED_TABLES) {
      found.addAll(named(table, name));
    }
    found.addAll(eventsNamed(name));
    List<NamedItem> exact = found.stream().filter(item -> item.name().equals(name)).toList();
    return IndexOrder.sorted(exact, NamedItem::pk, NamedItem.TIE_BREAK);
  }

  /**
   * Events are named "<away team> at <home team>" (SPEC §2): each way of splitting the name around
   * the separator is a (away, home) pair to look up, so the teams' names are compared, not a
   * concatenation each dialect spells differently.
   */
  private List<NamedItem> eventsNamed(String name) throws SQLException {
    String separator = KeyFormats.eventName("", "");
    Map<String, NamedItem> events = new LinkedHashMap<>();
    String sql =
        "SELECT "
            + in("e", ID, START_DATE, START_DATE_TIME)
            + ", "
            + in("a", NAME)
            + " AS away_name, "
            + in("h", NAME)
            + " AS home_name"
            + " FROM "
            + table(SourceTable.SPORTING_EVENT)
            + " e"
            + " JOIN "
            + table(SourceTable.SPORT_TEAM)
            + " h ON "
            + in("h", ID)
            + " = "
            + in("e", HOME_TEAM_ID)
            + " JOIN "
            + table(SourceTable.SPORT_TEAM)
            + " a ON "
            + in("a", ID)
            + " = "
            + in("e", AWAY_TEAM_ID)
            + " WHERE "
            + in("a", NAME)
            + " = ? AND "
            + in("h", NAME)
            + " = ?";
    for (int at = name.indexOf(separator); at >= 0; at = name.indexOf(separator, at + 1)) {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setString(1, name.substring(0, at));
        ps.setString(2, name.substring(at + separator.length()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String id = ResultColumns.requiredNumber(rs, ID);
            String eventName =
                KeyFormats.eventName(
                    ResultColumns.requiredText(rs, "away_name"),
                    ResultColumns.requiredText(rs, "home_name"));
            events.put(
                id,
                new NamedItem(
                    Entity.EVENT.name(),
                    KeyFormats.eventPk(ResultColumns.date(rs, START_DATE)),
                    id,
                    eventName));
          }
        }
      }
    }
    return new ArrayList<>(events.values());
  }

  /** The configuration tables whose items are named by a column of their own (events are not). */
  private static final List<SourceTable> NAMED_TABLES =
      List.of(
          SourceTable.SPORT_TYPE,
          SourceTable.SPORT_LEAGUE,
          SourceTable.SPORT_DIVISION,
          SourceTable.SPORT_LOCATION,
          SourceTable.SPORT_TEAM,
          SourceTable.SEAT_TYPE,
          SourceTable.PLAYER,
          SourceTable.PERSON);

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private String ticketSelect() {
    return "SELECT "
        + in("t", ID, SPORTING_EVENT_ID)
        + ", "
        + in("e", START_DATE_TIME)
        + ", "
        + in("t", SPORT_LOCATION_ID, SEAT_LEVEL, SEAT_SECTION, SEAT_ROW, SEAT, TICKET_PRICE)
        + " FROM "
        + table(SourceTable.SPORTING_EVENT_TICKET)
        + " t"
        + " JOIN "
        + table(SourceTable.SPORTING_EVENT)
        + " e ON "
        + in("e", ID)
        + " = "
        + in("t", SPORTING_EVENT_ID)
        + " ";
  }

  private List<TicketSummary> tickets(String sql, Binder binder) throws SQLException {
    return select(
        sql,
        binder,
        rs ->
            new TicketSummary(
                ResultColumns.requiredNumber(rs, ID),
                ResultColumns.requiredNumber(rs, SPORTING_EVENT_ID),
                ResultColumns.dateTime(rs, START_DATE_TIME),
                ResultColumns.requiredNumber(rs, SPORT_LOCATION_ID),
                ResultColumns.requiredNumber(rs, SEAT_LEVEL),
                ResultColumns.requiredText(rs, SEAT_SECTION),
                ResultColumns.requiredText(rs, SEAT_ROW),
                ResultColumns.requiredText(rs, SEAT),
                ResultColumns.requiredNumber(rs, TICKET_PRICE)));
  }

  private List<TicketTransfer> transfers(String condition, long personId) throws SQLException {
    String sql =
        "SELECT "
            + in("h", SPORTING_EVENT_TICKET_ID)
            + ", "
            + in("t", SPORTING_EVENT_ID)
            + ", "
            + in("h", TRANSFERRED_FROM_ID, PURCHASED_BY_ID, TRANSACTION_DATE_TIME, PURCHASE_PRICE)
            + " FROM "
            + table(SourceTable.TICKET_PURCHASE_HIST)
            + " h"
            + " JOIN "
            + table(SourceTable.SPORTING_EVENT_TICKET)
            + " t ON "
            + in("t", ID)
            + " = "
            + in("h", SPORTING_EVENT_TICKET_ID)
            + " WHERE "
            + condition;
    List<TicketTransfer> rows =
        select(
            sql,
            ps -> ps.setLong(1, personId),
            rs ->
                new TicketTransfer(
                    ResultColumns.requiredNumber(rs, SPORTING_EVENT_TICKET_ID),
                    ResultColumns.requiredNumber(rs, SPORTING_EVENT_ID),
                    ResultColumns.requiredNumber(rs, TRANSFERRED_FROM_ID),
                    ResultColumns.requiredNumber(rs, PURCHASED_BY_ID),
                    ResultColumns.dateTime(rs, TRANSACTION_DATE_TIME),
                    ResultColumns.requiredNumber(rs, PURCHASE_PRICE)));
    return IndexOrder.sorted(rows, TicketTransfer::indexSortKey, TicketTransfer.TIE_BREAK);
  }

  private List<Team> teams(String condition, String... values) throws SQLException {
    return rows(
        SourceTable.SPORT_TEAM,
        condition,
        ps -> {
          for (int i = 0; i < values.length; i++) {
            ps.setString(i + 1, values[i]);
          }
        },
        rs -> Team.from(ResultColumns.row(rs)));
  }

  /**
   * Rows of {@code table}, every column, that meet {@code condition} (its values bound by {@code
   * binder}).
   */
  private <T> List<T> rows(SourceTable table, String condition, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    return select(
        "SELECT " + columns(table) + " FROM " + table(table) + " WHERE " + condition,
        binder,
        mapper);
  }

  /**
   * Rows of {@code table} whose name column is {@code name}, keyed as the migration keys them
   * ({@link ConfigItemBuilder#key}).
   */
  private List<NamedItem> named(SourceTable table, String name) throws SQLException {
    String nameColumn = nameColumn(table);
    return rows(
        table,
        nameColumn + " = ?",
        ps -> ps.setString(1, name),
        rs -> {
          SourceRow row = ResultColumns.sourceRow(rs, table);
          try {
            ConfigItemBuilder.Key key = ConfigItemBuilder.key(table, row);
            return new NamedItem(
                key.entity().name(), key.pk(), key.sk(), RowFields.text(row, nameColumn));
          } catch (RejectedRowException e) {
            throw new SQLException(
                table.tableName() + " row " + row + " has no item key: " + e.reason(), e);
          }
        });
  }

  /** The column whose value a table's config items carry as {@code name} (SPEC §2). */
  private static String nameColumn(SourceTable table) {
    return switch (table) {
      case SPORT_LEAGUE, SPORT_DIVISION -> LONG_NAME;
      case PLAYER, PERSON -> FULL_NAME;
      default -> NAME;
    };
  }

  private <T> List<T> select(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
    }
    return rows;
  }

  /** Every column of {@code table}, in DDL order: the records read them all. */
  private static String columns(SourceTable table) {
    return String.join(", ", table.columnNames());
  }

  /** {@code alias.column, alias.column...}: columns of the table joined as {@code alias}. */
  private static String in(String alias, String... columns) {
    return Arrays.stream(columns).map(c -> alias + "." + c).collect(Collectors.joining(", "));
  }

  /** {@code schema.table}; both are plain identifiers (the schema checked in the constructor). */
  private String table(SourceTable table) {
    return schema == null ? table.tableName() : schema + "." + table.tableName();
  }
}
