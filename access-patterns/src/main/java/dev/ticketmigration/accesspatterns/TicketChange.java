package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.SourceValues;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The checked input of a purchase or transfer, in the forms the migration writes: ids as plain
 * digits, the time as {@code yyyy-MM-ddTHH:mm:ss} (whole seconds, like the source's datetime
 * columns), the price as exact decimal text within smallmoney.
 */
record TicketChange(String ticketId, String buyerId, String transactionAt, String price) {

  /** smallmoney's largest value: the migration rejects prices above it, so writes do too. */
  private static final BigDecimal MAX_PRICE = new BigDecimal("214748.3647");

  static TicketChange of(long ticketId, long buyerId, LocalDateTime at, BigDecimal price) {
    if (at == null || price == null) {
      throw new IllegalArgumentException("the time and the price are required");
    }
    if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > 4) {
      throw new IllegalArgumentException(
          "price " + price.toPlainString() + " is not a smallmoney amount (0 to 214748.3647, 4 decimals)");
    }
    return new TicketChange(
        id(ticketId, "ticket id"),
        id(buyerId, "person id"),
        SourceValues.dateTime(at.truncatedTo(ChronoUnit.SECONDS)),
        SourceValues.decimal(price));
  }

  /** Ids inside keys are plain decimal digits (SPEC §2). */
  static String id(long id, String what) {
    if (id < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + id);
    }
    return Long.toString(id);
  }
}
