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
    return new Location(
        ItemValues.requiredNumber(item, ID),
        ItemValues.requiredText(item, NAME),
        ItemValues.requiredText(item, CITY),
        ItemValues.number(item, SEATING_CAPACITY),
        ItemValues.number(item, LEVELS),
        ItemValues.number(item, SECTIONS));
  }
}
