package dev.ticketmigration.schemas;

/**
 * Key formats of both tables (SPEC §2). Ids are passed as plain decimal digits, times as the SPEC's
 * ISO-8601 text; every composite key is built here and nowhere else.
 */
public final class KeyFormats {
  private KeyFormats() {}

  public static final String SEP = "#";
  public static final String TICKET_SK = "TICKET";

  // ticket_sales
  public static String ticketPk(String ticketId) {
    return "TICKET#" + ticketId;
  }

  public static String transferSk(String transactionAt, String purchasedById) {
    return "TRANSFER#" + transactionAt + SEP + purchasedById;
  }

  public static String ownerPk(String ownerId) {
    return "OWNER#" + ownerId;
  }

  public static String ownerSk(String eventStart, String ticketId) {
    return eventStart + SEP + ticketId;
  }

  public static String availablePk(String locationId, String eventDate) {
    return "AVAILABLE#" + locationId + SEP + eventDate;
  }

  public static String seatKey(String level, String section, String row, String seat) {
    return level + SEP + section + SEP + row + SEP + seat;
  }

  public static String fromPk(String fromId) {
    return "FROM#" + fromId;
  }

  public static String toPk(String toId) {
    return "TO#" + toId;
  }

  public static String transferIndexSk(String transactionAt, String ticketId) {
    return transactionAt + SEP + ticketId;
  }

  // config
  public static final String SPORT_TYPE_PK = "SPORT_TYPE";
  public static final String LEAGUE_PK = "LEAGUE";
  public static final String LOCATION_PK = "LOCATION";
  public static final String SEAT_TYPE_PK = "SEAT_TYPE";
  public static final String PROFILE_SK = "PROFILE";

  public static String leagueSk(String sportTypeName, String shortName) {
    return sportTypeName + SEP + shortName;
  }

  public static String divisionPk(String sportTypeName, String league) {
    return "DIVISION#" + sportTypeName + SEP + league;
  }

  public static String teamPk(String sportTypeName, String league) {
    return "TEAM#" + sportTypeName + SEP + league;
  }

  public static String seatPk(String locationId) {
    return "SEAT#" + locationId;
  }

  public static String playerPk(String teamId) {
    return "PLAYER#" + teamId;
  }

  public static String personPk(String personId) {
    return "PERSON#" + personId;
  }

  public static String eventPk(String startDate) {
    return "EVENT#" + startDate;
  }

  public static String eventName(String awayTeam, String homeTeam) {
    return awayTeam + " at " + homeTeam;
  }

  public static String cityPk(String city) {
    return "CITY#" + city;
  }

  public static String abbreviationPk(String abbreviatedName) {
    return "ABBR#" + abbreviatedName;
  }
}
