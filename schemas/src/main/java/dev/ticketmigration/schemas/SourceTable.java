package dev.ticketmigration.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The DMS_SAMPLE tables the migration reads, with their primary-key columns (SPEC §1). */
public enum SourceTable {
  SPORT_TYPE("sport_type", Kind.CONFIG, "name"),
  SPORT_LEAGUE("sport_league", Kind.CONFIG, "short_name"),
  SPORT_DIVISION(
      "sport_division", Kind.CONFIG, "sport_type_name", "sport_league_short_name", "short_name"),
  SPORT_LOCATION("sport_location", Kind.CONFIG, "id"),
  SPORT_TEAM("sport_team", Kind.CONFIG, "id"),
  SEAT_TYPE("seat_type", Kind.CONFIG, "name"),
  SEAT("seat", Kind.CONFIG, "sport_location_id", "seat_level", "seat_section", "seat_row", "seat"),
  PLAYER("player", Kind.CONFIG, "id"),
  PERSON("person", Kind.CONFIG, "id"),
  SPORTING_EVENT("sporting_event", Kind.CONFIG, "id"),
  SPORTING_EVENT_TICKET("sporting_event_ticket", Kind.TICKET, "id"),
  TICKET_PURCHASE_HIST(
      "ticket_purchase_hist",
      Kind.TICKET,
      "sporting_event_ticket_id",
      "purchased_by_id",
      "transaction_date_time");

  /** Configuration tables go to {@code config}; ticket tables to {@code ticket_sales}. */
  public enum Kind {
    CONFIG,
    TICKET
  }

  private final String tableName;
  private final Kind kind;
  private final List<String> keyColumns;

  SourceTable(String tableName, Kind kind, String... keyColumns) {
    this.tableName = tableName;
    this.kind = kind;
    this.keyColumns = List.of(keyColumns);
  }

  public String tableName() {
    return tableName;
  }

  public Kind kind() {
    return kind;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  public static Optional<SourceTable> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.tableName.equals(wanted)).findFirst();
  }

  public static List<SourceTable> ofKind(Kind kind) {
    return Arrays.stream(values()).filter(t -> t.kind == kind).toList();
  }
}
