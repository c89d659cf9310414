package dev.ticketmigration.accesspatterns;

import static dev.ticketmigration.schemas.SourceColumns.ABBREVIATED_NAME;
import static dev.ticketmigration.schemas.SourceColumns.HOME_FIELD_ID;
import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_DIVISION_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LEAGUE_SHORT_NAME;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_TYPE_NAME;

import java.util.Comparator;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@code sport_team} row as the config table holds it; null where the source is NULL. */
public record Team(
    String id,
    String name,
    @Nullable String abbreviatedName,
    @Nullable String homeFieldId,
    String sportTypeName,
    String leagueShortName,
    @Nullable String divisionShortName) {

  /** Team ids are unique, so this only fixes an order DynamoDB would give anyway. */
  static final Comparator<Team> TIE_BREAK = (a, b) -> IndexOrder.byNumber(a.id, b.id);

  static Team fromItem(Map<String, AttributeValue> item) {
    return from(ItemValues.row(item));
  }

  /** The record from an item's attributes or a result row's columns of the same names. */
  static <E extends Exception> Team from(AnswerRow<E> values) throws E {
    return new Team(
        values.requiredNumber(ID),
        values.requiredText(NAME),
        values.text(ABBREVIATED_NAME),
        values.number(HOME_FIELD_ID),
        values.requiredText(SPORT_TYPE_NAME),
        values.requiredText(SPORT_LEAGUE_SHORT_NAME),
        values.text(SPORT_DIVISION_SHORT_NAME));
  }
}
