package dev.ticketmigration.schemas;

/**
 * DMS_SAMPLE column names (SPEC §1), one constant per name however many tables share it. {@link
 * SourceTable} lists which table has which; the item builders, the SQL twins and the generator name
 * columns through these. Config items keep every source column under its source name (SPEC §2), so
 * these are also the config items' attribute names.
 */
public final class SourceColumns {
  private SourceColumns() {}

  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";
  public static final String SHORT_NAME = "short_name";
  public static final String LONG_NAME = "long_name";
  public static final String FULL_NAME = "full_name";
  public static final String LAST_NAME = "last_name";
  public static final String FIRST_NAME = "first_name";
  public static final String SPORT_TYPE_NAME = "sport_type_name";
  public static final String SPORT_LEAGUE_SHORT_NAME = "sport_league_short_name";
  public static final String SPORT_DIVISION_SHORT_NAME = "sport_division_short_name";
  public static final String CITY = "city";
  public static final String SEATING_CAPACITY = "seating_capacity";
  public static final String LEVELS = "levels";
  public static final String SECTIONS = "sections";
  public static final String ABBREVIATED_NAME = "abbreviated_name";
  public static final String HOME_FIELD_ID = "home_field_id";
  public static final String RELATIVE_QUALITY = "relative_quality";
  public static final String SPORT_LOCATION_ID = "sport_location_id";
  public static final String SEAT_LEVEL = "seat_level";
  public static final String SEAT_SECTION = "seat_section";
  public static final String SEAT_ROW = "seat_row";
  public static final String SEAT = "seat";
  public static final String SEAT_TYPE = "seat_type";
  public static final String SPORT_TEAM_ID = "sport_team_id";
  public static final String HOME_TEAM_ID = "home_team_id";
  public static final String AWAY_TEAM_ID = "away_team_id";
  public static final String LOCATION_ID = "location_id";
  public static final String START_DATE_TIME = "start_date_time";
  public static final String START_DATE = "start_date";
  public static final String SOLD_OUT = "sold_out";
  public static final String SPORTING_EVENT_ID = "sporting_event_id";
  public static final String TICKETHOLDER_ID = "ticketholder_id";
  public static final String TICKET_PRICE = "ticket_price";
  public static final String SPORTING_EVENT_TICKET_ID = "sporting_event_ticket_id";
  public static final String PURCHASED_BY_ID = "purchased_by_id";
  public static final String TRANSACTION_DATE_TIME = "transaction_date_time";
  public static final String TRANSFERRED_FROM_ID = "transferred_from_id";
  public static final String PURCHASE_PRICE = "purchase_price";
}
