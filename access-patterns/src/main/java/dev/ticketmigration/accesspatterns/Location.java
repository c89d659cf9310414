package dev.ticketmigration.accesspatterns;

import static dev.ticketmigration.schemas.SourceColumns.CITY;
import static dev.ticketmigration.schemas.SourceColumns.ID;
import static dev.ticketmigration.schemas.SourceColumns.LEVELS;
import static dev.ticketmigration.schemas.SourceColumns.NAME;
import static dev.ticketmigration.schemas.SourceColumns.SEATING_CAPACITY;
import static dev.ticketmigration.schemas.SourceColumns.SECTIONS;

import java.util.Comparator;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@code sport_location} (venue) row as the config table holds it. */
public record Location(
    String id,
    String name,
    String city,
    @Nullable String seatingCapacity,
    @Nullable String levels,
    @Nullable String sections) {

  /** Location ids are unique, so this only fixes an order DynamoDB would give anyway. */
  static final Comparator<Location> TIE_BREAK = (a, b) -> IndexOrder.byNumber(a.id, b.id);

  static Location fromItem(Map<String, AttributeValue> item) {
    return from(ItemValues.row(item));
  }

  /** The record from an item's attributes or a result row's columns of the same names. */
  static <E extends Exception> Location from(AnswerRow<E> values) throws E {
    return new Location(
        values.requiredNumber(ID),
        values.requiredText(NAME),
        values.requiredText(CITY),
        values.number(SEATING_CAPACITY),
        values.number(LEVELS),
        values.number(SECTIONS));
  }
}
