package dev.ticketmigration.schemas;

import static dev.ticketmigration.schemas.SourceColumns.ABBREVIATED_NAME;
import static dev.ticketmigration.schemas.SourceColumns.AWAY_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.CITY;
import static dev.ticketmigration.schemas.SourceColumns.FULL_NAME;
import static dev.ticketmigration.schemas.SourceColumns.HOME_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.LONG_NAME;
import static dev.ticketmigration.schemas.SourceColumns.NAME;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_LEVEL;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_ROW;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_SECTION;
import static dev.ticketmigration.schemas.SourceColumns.SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LEAGUE_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LOCATION_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TEAM_ID;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TYPE_NAME;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE;
import static dev.ticketmigration.schemas.SourceColumns.START_DATE_TIME;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the overloaded {@code config} item of one configuration row (SPEC §2): PK groups similar
 * rows, SK is the unique value, {@code name} is indexed by GSI1, cities by GSI2 and team
 * abbreviations by GSI3. Every source column is kept as an attribute, NULLs omitted.
 */
public final class ConfigItemBuilder {
  private ConfigItemBuilder() {}

  /** Team names by team id, needed to name sporting events ("away at home"). */
  public interface TeamNames {
    @Nullable String nameOf(String teamId);
  }

  /** The primary key a configuration row's item has, and its entity. */
  public record Key(Entity entity, String pk, String sk) {
    /** {@code PK | SK}, as {@link Items#key} prints it. */
    public String text() {
      return pk + " | " + sk;
    }
  }

  /** The entity of each configuration table's items. */
  public static Entity entity(SourceTable table) {
    return switch (table) {
      case SPORT_TYPE -> Entity.SPORT_TYPE;
      case SPORT_LEAGUE -> Entity.LEAGUE;
      case SPORT_DIVISION -> Entity.DIVISION;
      case SPORT_LOCATION -> Entity.LOCATION;
      case SPORT_TEAM -> Entity.TEAM;
      case SEAT_TYPE -> Entity.SEAT_TYPE;
      case SEAT -> Entity.SEAT;
      case PLAYER -> Entity.PLAYER;
      case PERSON -> Entity.PERSON;
      case SPORTING_EVENT -> Entity.EVENT;
      default -> throw new IllegalArgumentException(table + " is not a configuration table");
    };
  }

  /**
   * The key of the item a row of {@code table} becomes, from its key columns alone (a row whose
   * other columns are bad still names the item it would replace).
   *
   * @throws RejectedRowException when the key columns cannot form a key
   */
  public static Key key(SourceTable table, SourceRow row) {
    Entity entity = entity(table);
    return switch (table) {
      case SPORT_TYPE -> new Key(entity, KeyFormats.SPORT_TYPE_PK, RowFields.text(row, NAME));
      case SPORT_LEAGUE ->
          new Key(
              entity,
              KeyFormats.LEAGUE_PK,
              KeyFormats.leagueSk(
                  RowFields.text(row, SPORT_TYPE_NAME), RowFields.text(row, SHORT_NAME)));
      case SPORT_DIVISION ->
          new Key(
              entity,
              KeyFormats.divisionPk(
                  RowFields.text(row, SPORT_TYPE_NAME),
                  RowFields.text(row, SPORT_LEAGUE_SHORT_NAME)),
              RowFields.text(row, SHORT_NAME));
      case SPORT_LOCATION -> new Key(entity, KeyFormats.LOCATION_PK, RowFields.id(row, ID));
      case SPORT_TEAM ->
          new Key(
              entity,
              KeyFormats.teamPk(
                  RowFields.text(row, SPORT_TYPE_NAME),
                  RowFields.text(row, SPORT_LEAGUE_SHORT_NAME)),
              RowFields.id(row, ID));
      case SEAT_TYPE -> new Key(entity, KeyFormats.SEAT_TYPE_PK, RowFields.text(row, NAME));
      case SEAT ->
          new Key(
              entity,
              KeyFormats.seatPk(RowFields.id(row, SPORT_LOCATION_ID)),
              KeyFormats.seatKey(
                  SourceValues.decimal(RowFields.number(row, SEAT_LEVEL)),
                  RowFields.text(row, SEAT_SECTION),
                  RowFields.text(row, SEAT_ROW),
                  RowFields.text(row, SourceColumns.SEAT)));
      case PLAYER ->
          new Key(
              entity, KeyFormats.playerPk(RowFields.id(row, SPORT_TEAM_ID)), RowFields.id(row, ID));
      case PERSON ->
          new Key(entity, KeyFormats.personPk(RowFields.id(row, ID)), KeyFormats.PROFILE_SK);
      case SPORTING_EVENT -> {
        String startDate = row.text(START_DATE);
        String pk =
            KeyFormats.eventPk(
                startDate != null
                    ? startDate
                    : SourceValues.datePart(RowFields.dateTime(row, START_DATE_TIME)));
        yield new Key(entity, pk, RowFields.id(row, ID));
      }
      default -> throw new IllegalArgumentException(table + " is not a configuration table");
    };
  }

  /**
   * The config item of a row of {@code table}.
   *
   * @throws RejectedRowException when the row cannot become a valid item
   */
  public static Map<String, AttributeValue> build(
      SourceTable table, SourceRow row, TeamNames teams) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    copyColumns(row, item);
    Key key = key(table, row);
    String name;
    switch (table) {
      case SPORT_TYPE, SEAT_TYPE -> name = key.sk();
      case SPORT_LEAGUE -> name = RowFields.text(row, LONG_NAME);
      case PERSON -> name = RowFields.text(row, FULL_NAME);
      case SPORT_DIVISION -> name = row.text(LONG_NAME);
      case SPORT_LOCATION -> {
        name = row.text(NAME);
        String city = row.text(CITY);
        // an empty string is a value: a keyword key built from it is its prefix alone (SPEC §2)
        putIndex(item, 2, city != null ? KeyFormats.cityPk(city) : null, key.sk());
      }
      case SPORT_TEAM -> {
        name = row.text(NAME);
        String abbreviation = row.text(ABBREVIATED_NAME);
        putIndex(
            item,
            3,
            abbreviation != null ? KeyFormats.abbreviationPk(abbreviation) : null,
            key.sk());
      }
      case SEAT -> name = null;
      case PLAYER -> name = row.text(FULL_NAME);
      case SPORTING_EVENT -> {
        RowFields.dateTime(row, START_DATE_TIME);
        name = KeyFormats.eventName(team(row, AWAY_TEAM_ID, teams), team(row, HOME_TEAM_ID, teams));
      }
      default -> throw new IllegalArgumentException(table + " is not a configuration table");
    }
    item.put(Attr.PK, Items.s(key.pk()));
    item.put(Attr.SK, Items.s(key.sk()));
    item.put(Attr.ENTITY, Items.s(key.entity().name()));
    if (name != null) {
      item.put(Attr.NAME, Items.s(name));
    }
    // DynamoDB indexes no empty string: an item with an empty name is kept, but not under GSI1
    putIndex(item, 1, nonEmpty(name) ? name : null, key.pk());
    return item;
  }

  private static String team(SourceRow row, String column, TeamNames teams) {
    String id = RowFields.id(row, column);
    String name = teams.nameOf(id);
    if (name == null) {
      throw new RejectedRowException(column + " " + id + " is not a sport_team");
    }
    return name;
  }

  /** Sets GSIn_PK/GSIn_SK only when the key has a value: the indexes are sparse. */
  private static void putIndex(
      Map<String, AttributeValue> item, int index, @Nullable String pk, String sk) {
    if (pk != null) {
      item.put(TargetTable.indexPk(index), Items.s(pk));
      item.put(TargetTable.indexSk(index), Items.s(sk));
    }
  }

  private static boolean nonEmpty(@Nullable String s) {
    return s != null && !s.isEmpty();
  }

  private static void copyColumns(SourceRow row, Map<String, AttributeValue> item) {
    for (int i = 0; i < row.size(); i++) {
      String value = row.value(i);
      if (value == null) {
        continue;
      }
      if (row.kind(i) == SourceRow.Kind.NUMBER) {
        BigDecimal number = RowFields.number(row, row.name(i));
        item.put(row.name(i), Items.n(number));
      } else {
        item.put(row.name(i), Items.s(value));
      }
    }
  }
}
