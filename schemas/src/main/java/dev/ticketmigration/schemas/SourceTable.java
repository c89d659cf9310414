package dev.ticketmigration.schemas;

import static dev.ticketmigration.schemas.SourceColumns.ABBREVIATED_NAME;
import static dev.ticketmigration.schemas.SourceColumns.AWAY_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.CITY;
import static dev.ticketmigration.schemas.SourceColumns.DESCRIPTION;
import static dev.ticketmigration.schemas.SourceColumns.FIRST_NAME;
import static dev.ticketmigration.schemas.SourceColumns.FULL_NAME;
import static dev.ticketmigration.schemas.SourceColumns.HOME_FIELD_ID;
import static dev.ticketmigration.schemas.SourceColumns.HOME_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.LAST_NAME;
import static dev.ticketmigration.schemas.SourceColumns.LEVELS;
import static dev.ticketmigration.schemas.SourceColumns.LOCATION_ID;
import static dev.ticketmigration.schemas.SourceColumns.LONG_NAME;
import static dev.ticketmigration.schemas.SourceColumns.NAME;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASED_BY_ID;
import static dev.ticketmigration.schemas.SourceColumns.PURCHASE_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.RELATIVE_QUALITY;
import static dev.ticketmigration.schemas.SourceColumns.SEATING_CAPACITY;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_LEVEL;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_ROW;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_SECTION;
import static dev.ticketmigration.schemas.SourceColumns.SECTIONS;
import static dev.ticketmigration.schemas.SourceColumns.SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SOLD_OUT;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORTING_EVENT_TICKET_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_DIVISION_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LEAGUE_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LOCATION_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TYPE_NAME;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE_TIME;
import static dev.ticketmigration.schemas.SourceColumns.TICKETHOLDER_ID;
import static dev.ticketmigration.schemas.SourceColumns.TICKET_PRICE;
import static dev.ticketmigration.schemas.SourceColumns.TRANSACTION_DATE_TIME;
import static dev.ticketmigration.schemas.SourceColumns.TRANSFERRED_FROM_ID;

import java.sql.JDBCType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The twelve DMS_SAMPLE tables (SPEC §1): the one model of the source schema. Each has its columns
 * in DDL order with the JDBC type their values are bound and compared as, and its primary-key
 * columns. Declared in foreign-key order: every table comes after the tables it references (create
 * and fill in this order, drop in reverse).
 *
 * <p>Columns {@code seat} and {@code seat_type} are spelled {@code SourceColumns.SEAT(_TYPE)} here:
 * inside this enum the bare names are the tables.
 */
public enum SourceTable {
  SPORT_TYPE("sport_type", Kind.CONFIG, keys(NAME), text(NAME), text(DESCRIPTION)),
  SPORT_LEAGUE(
      "sport_league",
      Kind.CONFIG,
      keys(SHORT_NAME),
      text(SPORT_TYPE_NAME),
      text(SHORT_NAME),
      text(LONG_NAME),
      text(DESCRIPTION)),
  SPORT_DIVISION(
      "sport_division",
      Kind.CONFIG,
      keys(SPORT_TYPE_NAME, SPORT_LEAGUE_SHORT_NAME, SHORT_NAME),
      text(SPORT_TYPE_NAME),
      text(SPORT_LEAGUE_SHORT_NAME),
      text(SHORT_NAME),
      text(LONG_NAME),
      text(DESCRIPTION)),
  SPORT_LOCATION(
      "sport_location",
      Kind.CONFIG,
      keys(ID),
      integer(ID),
      text(NAME),
      text(CITY),
      integer(SEATING_CAPACITY),
      integer(LEVELS),
      integer(SECTIONS)),
  SPORT_TEAM(
      "sport_team",
      Kind.CONFIG,
      keys(ID),
      integer(ID),
      text(NAME),
      text(ABBREVIATED_NAME),
      integer(HOME_FIELD_ID),
      text(SPORT_TYPE_NAME),
      text(SPORT_LEAGUE_SHORT_NAME),
      text(SPORT_DIVISION_SHORT_NAME)),
  SEAT_TYPE(
      "seat_type",
      Kind.CONFIG,
      keys(NAME),
      text(NAME),
      text(DESCRIPTION),
      integer(RELATIVE_QUALITY)),
  SEAT(
      "seat",
      Kind.CONFIG,
      keys(SPORT_LOCATION_ID, SEAT_LEVEL, SEAT_SECTION, SEAT_ROW, SourceColumns.SEAT),
      integer(SPORT_LOCATION_ID),
      integer(SEAT_LEVEL),
      text(SEAT_SECTION),
      text(SEAT_ROW),
      text(SourceColumns.SEAT),
      text(SourceColumns.SEAT_TYPE)),
  PLAYER(
      "player",
      Kind.CONFIG,
      keys(ID),
      integer(ID),
      integer(SPORT_TEAM_ID),
      text(LAST_NAME),
      text(FIRST_NAME),
      text(FULL_NAME)),
  PERSON(
      "person",
      Kind.CONFIG,
      keys(ID),
      integer(ID),
      text(FULL_NAME),
      text(LAST_NAME),
      text(FIRST_NAME)),
  SPORTING_EVENT(
      "sporting_event",
      Kind.CONFIG,
      keys(ID),
      bigint(ID),
      text(SPORT_TYPE_NAME),
      integer(HOME_TEAM_ID),
      integer(AWAY_TEAM_ID),
      integer(LOCATION_ID),
      timestamp(START_DATE_TIME),
      date(START_DATE),
      integer(SOLD_OUT)),
  SPORTING_EVENT_TICKET(
      "sporting_event_ticket",
      Kind.TICKET,
      keys(ID),
      bigint(ID),
      bigint(SPORTING_EVENT_ID),
      integer(SPORT_LOCATION_ID),
      integer(SEAT_LEVEL),
      text(SEAT_SECTION),
      text(SEAT_ROW),
      text(SourceColumns.SEAT),
      integer(TICKETHOLDER_ID),
      money(TICKET_PRICE)),
  TICKET_PURCHASE_HIST(
      "ticket_purchase_hist",
      Kind.TICKET,
      keys(SPORTING_EVENT_TICKET_ID, PURCHASED_BY_ID, TRANSACTION_DATE_TIME),
      bigint(SPORTING_EVENT_TICKET_ID),
      integer(PURCHASED_BY_ID),
      timestamp(TRANSACTION_DATE_TIME),
      integer(TRANSFERRED_FROM_ID),
      money(PURCHASE_PRICE));

  /** Configuration tables go to {@code config}; ticket tables to {@code ticket_sales}. */
  public enum Kind {
    CONFIG,
    TICKET
  }

  /**
   * A column and the JDBC type its values are bound and compared as (the logical type: real copies
   * may store it otherwise, SPEC §1).
   */
  public record Column(String name, JDBCType type) {}

  private final String tableName;
  private final Kind kind;
  private final List<String> keyColumns;
  private final List<Column> columns;

  SourceTable(String tableName, Kind kind, List<String> keyColumns, Column... columns) {
    this.tableName = tableName;
    this.kind = kind;
    this.keyColumns = keyColumns;
    this.columns = List.of(columns);
  }

  /** The table's name in the source database (lower case, as in SQL Server). */
  public String tableName() {
    return tableName;
  }

  public Kind kind() {
    return kind;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /** Whether the table's key is its {@code id} column alone (a plan can sample it by id). */
  public boolean keyedById() {
    return keyColumns.equals(List.of(SourceColumns.ID));
  }

  /** The columns in DDL order. */
  public List<Column> columns() {
    return columns;
  }

  /** Column names in DDL order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public static Optional<SourceTable> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.tableName.equals(wanted)).findFirst();
  }

  public static List<SourceTable> ofKind(Kind kind) {
    return Arrays.stream(values()).filter(t -> t.kind == kind).toList();
  }

  private static List<String> keys(String... columns) {
    return List.of(columns);
  }

  private static Column text(String name) {
    return new Column(name, JDBCType.VARCHAR);
  }

  private static Column integer(String name) {
    return new Column(name, JDBCType.INTEGER);
  }

  private static Column bigint(String name) {
    return new Column(name, JDBCType.BIGINT);
  }

  private static Column money(String name) {
    return new Column(name, JDBCType.DECIMAL);
  }

  private static Column timestamp(String name) {
    return new Column(name, JDBCType.TIMESTAMP);
  }

  private static Column date(String name) {
    return new Column(name, JDBCType.DATE);
  }
}
