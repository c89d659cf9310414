package dev.ticketmigration.testdata;

import java.sql.JDBCType;
import java.util.List;

/**
 * The twelve DMS_SAMPLE tables with their columns, in foreign-key order: every table comes after
 * the tables it references (create and fill in this order, drop in reverse).
 */
public enum SourceTable {
  SPORT_TYPE("sport_type", text("name"), text("description")),
  SPORT_LEAGUE("sport_league",
      text("sport_type_name"), text("short_name"), text("long_name"), text("description")),
  SPORT_DIVISION("sport_division", text("sport_type_name"), text("sport_league_short_name"),
      text("short_name"), text("long_name"), text("description")),
  SPORT_LOCATION("sport_location", integer("id"), text("name"), text("city"),
      integer("seating_capacity"), integer("levels"), integer("sections")),
  SPORT_TEAM("sport_team", integer("id"), text("name"), text("abbreviated_name"),
      integer("home_field_id"), text("sport_type_name"), text("sport_league_short_name"),
      text("sport_division_short_name")),
  SEAT_TYPE("seat_type", text("name"), text("description"), integer("relative_quality")),
  SEAT("seat", integer("sport_location_id"), integer("seat_level"), text("seat_section"),
      text("seat_row"), text("seat"), text("seat_type")),
  PLAYER("player", integer("id"), integer("sport_team_id"), text("last_name"),
      text("first_name"), text("full_name")),
  PERSON("person", integer("id"), text("full_name"), text("last_name"), text("first_name")),
  SPORTING_EVENT("sporting_event", bigint("id"), text("sport_type_name"),
      integer("home_team_id"), integer("away_team_id"), integer("location_id"),
      timestamp("start_date_time"), date("start_date"), integer("sold_out")),
  SPORTING_EVENT_TICKET("sporting_event_ticket", bigint("id"), bigint("sporting_event_id"),
      integer("sport_location_id"), integer("seat_level"), text("seat_section"),
      text("seat_row"), text("seat"), integer("ticketholder_id"), money("ticket_price")),
  TICKET_PURCHASE_HIST("ticket_purchase_hist", bigint("sporting_event_ticket_id"),
      integer("purchased_by_id"), timestamp("transaction_date_time"),
      integer("transferred_from_id"), money("purchase_price"));

  /** A column and the JDBC type its values are bound and compared as. */
  record Column(String name, JDBCType type) {}

  private final String tableName;
  private final List<Column> columns;

  SourceTable(String tableName, Column... columns) {
    this.tableName = tableName;
    this.columns = List.of(columns);
  }

  /** The table's name in the source database (lower case, as in SQL Server). */
  public String tableName() {
    return tableName;
  }

  /** Column names in DDL order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  List<Column> columns() {
    return columns;
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
