package dev.ticketmigration.schemas;

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
    @Nullable
    String nameOf(String teamId);
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
    String pk;
    String sk;
    String name;
    Entity entity;
    switch (table) {
      case SPORT_TYPE -> {
        entity = Entity.SPORT_TYPE;
        pk = KeyFormats.SPORT_TYPE_PK;
        sk = RowFields.text(row, "name");
        name = sk;
      }
      case SPORT_LEAGUE -> {
        entity = Entity.LEAGUE;
        pk = KeyFormats.LEAGUE_PK;
        sk =
            KeyFormats.leagueSk(
                RowFields.text(row, "sport_type_name"), RowFields.text(row, "short_name"));
        name = RowFields.text(row, "long_name");
      }
      case SPORT_DIVISION -> {
        entity = Entity.DIVISION;
        pk =
            KeyFormats.divisionPk(
                RowFields.text(row, "sport_type_name"),
                RowFields.text(row, "sport_league_short_name"));
        sk = RowFields.text(row, "short_name");
        name = row.text("long_name");
      }
      case SPORT_LOCATION -> {
        entity = Entity.LOCATION;
        pk = KeyFormats.LOCATION_PK;
        sk = RowFields.id(row, "id");
        name = row.text("name");
        putIndex(item, 2, nonEmpty(row.text("city")) ? KeyFormats.cityPk(row.text("city")) : null, sk);
      }
      case SPORT_TEAM -> {
        entity = Entity.TEAM;
        pk =
            KeyFormats.teamPk(
                RowFields.text(row, "sport_type_name"),
                RowFields.text(row, "sport_league_short_name"));
        sk = RowFields.id(row, "id");
        name = row.text("name");
        String abbreviation = row.text("abbreviated_name");
        putIndex(
            item, 3, nonEmpty(abbreviation) ? KeyFormats.abbreviationPk(abbreviation) : null, sk);
      }
      case SEAT_TYPE -> {
        entity = Entity.SEAT_TYPE;
        pk = KeyFormats.SEAT_TYPE_PK;
        sk = RowFields.text(row, "name");
        name = sk;
      }
      case SEAT -> {
        entity = Entity.SEAT;
        pk = KeyFormats.seatPk(RowFields.id(row, "sport_location_id"));
        sk =
            KeyFormats.seatKey(
                SourceValues.decimal(RowFields.number(row, "seat_level")),
                RowFields.text(row, "seat_section"),
                RowFields.text(row, "seat_row"),
                RowFields.text(row, "seat"));
        name = null;
      }
      case PLAYER -> {
        entity = Entity.PLAYER;
        pk = KeyFormats.playerPk(RowFields.id(row, "sport_team_id"));
        sk = RowFields.id(row, "id");
        name = row.text("full_name");
      }
      case PERSON -> {
        entity = Entity.PERSON;
        pk = KeyFormats.personPk(RowFields.id(row, "id"));
        sk = KeyFormats.PROFILE_SK;
        name = RowFields.text(row, "full_name");
      }
      case SPORTING_EVENT -> {
        entity = Entity.EVENT;
        String start = RowFields.dateTime(row, "start_date_time");
        String startDate = row.text("start_date");
        pk = KeyFormats.eventPk(startDate != null ? startDate : SourceValues.datePart(start));
        sk = RowFields.id(row, "id");
        name = KeyFormats.eventName(team(row, "away_team_id", teams), team(row, "home_team_id", teams));
      }
      default -> throw new IllegalArgumentException(table + " is not a configuration table");
    }
    item.put(Attr.PK, Items.s(pk));
    item.put(Attr.SK, Items.s(sk));
    item.put(Attr.ENTITY, Items.s(entity.name()));
    if (name != null) {
      item.put(Attr.NAME, Items.s(name));
    }
    putIndex(item, 1, nonEmpty(name) ? name : null, pk);
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
