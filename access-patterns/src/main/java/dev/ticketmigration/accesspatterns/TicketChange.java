package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.SmallMoney;
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

  static TicketChange of(long ticketId, long buyerId, LocalDateTime at, BigDecimal price) {
    if (at == null || price == null) {
      throw new IllegalArgumentException("the time and the price are required");
    }
    // the migration's own rule: a price it would reject is never written
    String problem = SmallMoney.problem(price);
    if (problem != null) {
      throw new IllegalArgumentException(
          "price " + price.toPlainString() + " is not a smallmoney amount: it " + problem);
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
