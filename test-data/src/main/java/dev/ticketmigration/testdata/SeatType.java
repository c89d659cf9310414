package dev.ticketmigration.testdata;

import java.math.BigDecimal;

/** The seat_type rows and each type's list price before an event's pricing applies. */
enum SeatType {
  LUXURY("luxury", "Field-level boxes with seat service", 5, "250.0000"),
  PREMIUM("premium", "Lower-level seats close to the action", 4, "112.2500"),
  STANDARD("standard", "Mid-level seats", 3, "45.5000"),
  SUB_STANDARD("sub-standard", "Upper-level seats far from the field", 2, "19.9900"),
  OBSTRUCTED("obstructed", "Seats with a partly blocked view", 1, "12.7500");

  final String dbName;
  final String description;
  final int relativeQuality;
  final BigDecimal listPrice;

  SeatType(String dbName, String description, int relativeQuality, String listPrice) {
    this.dbName = dbName;
    this.description = description;
    this.relativeQuality = relativeQuality;
    this.listPrice = new BigDecimal(listPrice);
  }
}
