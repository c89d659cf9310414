package dev.ticketmigration.schemas;

/** Attribute names of the migrated items that tools and queries depend on (SPEC §2). */
public final class Attr {
  private Attr() {}

  public static final String PK = "PK";
  public static final String SK = "SK";
  public static final String ENTITY = "entity";
  public static final String NAME = "name";

  /**
   * The change-log position an item's content is at least as new as, set by the sync only: its
   * writes are conditional on it, so an older rebuild never replaces a newer one. Not part of an
   * item's content (verify ignores it).
   */
  public static final String SOURCE_POSITION = "source_position";

  public static final String GSI1_PK = "GSI1_PK";
  public static final String GSI1_SK = "GSI1_SK";
  public static final String GSI2_PK = "GSI2_PK";
  public static final String GSI2_SK = "GSI2_SK";
  public static final String GSI3_PK = "GSI3_PK";
  public static final String GSI3_SK = "GSI3_SK";
  public static final String GSI4_PK = "GSI4_PK";
  public static final String GSI4_SK = "GSI4_SK";

  // ticket_sales: ticket and transfer items
  public static final String TICKET_ID = "ticket_id";
  public static final String EVENT_ID = "event_id";
  public static final String LOCATION_ID = "location_id";
  public static final String SEAT_LEVEL = "seat_level";
  public static final String SEAT_SECTION = "seat_section";
  public static final String SEAT_ROW = "seat_row";
  public static final String SEAT = "seat";
  public static final String TICKET_PRICE = "ticket_price";
  public static final String EVENT_START = "event_start";
  public static final String STATUS = "status";
  public static final String OWNER_ID = "owner_id";
  public static final String PURCHASE_COUNT = "purchase_count";
  public static final String LAST_TRANSACTION_AT = "last_transaction_at";
  public static final String HISTORY = "history";
  public static final String PURCHASED_BY_ID = "purchased_by_id";
  public static final String TRANSFERRED_FROM_ID = "transferred_from_id";
  public static final String TRANSACTION_AT = "transaction_at";
  public static final String PURCHASE_PRICE = "purchase_price";
  public static final String FROM_ID = "from_id";
  public static final String TO_ID = "to_id";
}
