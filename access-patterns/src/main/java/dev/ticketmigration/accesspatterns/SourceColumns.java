package dev.ticketmigration.accesspatterns;

/**
 * DMS_SAMPLE column names the SQL twins read. Config items keep every source column under its
 * source name (SPEC §2), so the config answers read the same names as item attributes.
 */
final class SourceColumns {
  private SourceColumns() {}

  static final String ID = "id";
  static final String NAME = "name";
  static final String LONG_NAME = "long_name";
  static final String FULL_NAME = "full_name";
  static final String CITY = "city";
  static final String SEATING_CAPACITY = "seating_capacity";
  static final String LEVELS = "levels";
  static final String SECTIONS = "sections";
  static final String ABBREVIATED_NAME = "abbreviated_name";
  static final String HOME_FIELD_ID = "home_field_id";
  static final String SPORT_TYPE_NAME = "sport_type_name";
  static final String SPORT_LEAGUE_SHORT_NAME = "sport_league_short_name";
  static final String SPORT_DIVISION_SHORT_NAME = "sport_division_short_name";
  static final String SHORT_NAME = "short_name";
  static final String SPORT_TEAM_ID = "sport_team_id";
  static final String SPORT_LOCATION_ID = "sport_location_id";
  static final String SEAT_LEVEL = "seat_level";
  static final String SEAT_SECTION = "seat_section";
  static final String SEAT_ROW = "seat_row";
  static final String SEAT = "seat";
  static final String SEAT_TYPE = "seat_type";
  static final String START_DATE_TIME = "start_date_time";
  static final String START_DATE = "start_date";
  static final String SPORTING_EVENT_ID = "sporting_event_id";
  static final String TICKETHOLDER_ID = "ticketholder_id";
  static final String TICKET_PRICE = "ticket_price";
  static final String PURCHASED_BY_ID = "purchased_by_id";
  static final String TRANSFERRED_FROM_ID = "transferred_from_id";
  static final String TRANSACTION_DATE_TIME = "transaction_date_time";
  static final String PURCHASE_PRICE = "purchase_price";
}
