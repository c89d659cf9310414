package dev.ticketmigration.accesspatterns;

import static dev.ticketmigration.schemas.SourceColumns.SEAT;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_LEVEL;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_ROW;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_SECTION;
import static dev.ticketmigration.schemas.SourceColumns.SEAT_TYPE;
import static dev.ticketmigration.schemas.SourceColumns.SPORT_LOCATION_ID;

import dev.ticketmigration.schemas.KeyFormats;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@code seat} row of a venue as the config table holds it. */
public record Seat(
    String locationId,
    String level,
    String section,
    String row,
    String seat,
    @Nullable String seatType) {

  /** The item's SK, which orders the seats of a venue. */
  public String sortKey() {
    return KeyFormats.seatKey(level, section, row, seat);
  }

  static Seat fromItem(Map<String, AttributeValue> item) {
    return from(ItemValues.row(item));
  }

  /** The record from an item's attributes or a result row's columns of the same names. */
  static <E extends Exception> Seat from(AnswerRow<E> values) throws E {
    return new Seat(
        values.requiredNumber(SPORT_LOCATION_ID),
        values.requiredNumber(SEAT_LEVEL),
        values.requiredText(SEAT_SECTION),
        values.requiredText(SEAT_ROW),
        values.requiredText(SEAT),
        values.text(SEAT_TYPE));
  }
}
