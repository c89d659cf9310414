package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The prices the tool accepts: SQL Server's smallmoney (-214,748.3648 to 214,748.3647, four
 * decimals) without its negative half, since a ticket price is never negative. The migration
 * rejects rows outside it and the live write paths refuse such prices, so whatever one writes the
 * other would too.
 */
public final class SmallMoney {
  private SmallMoney() {}

  public static final BigDecimal MIN = BigDecimal.ZERO;

  public static final BigDecimal MAX = new BigDecimal("214748.3647");

  /** smallmoney's scale: digits after the decimal point. */
  public static final int DECIMALS = 4;

  /** The accepted range as messages print it. */
  public static final String RANGE = MIN.toPlainString() + ".." + MAX.toPlainString();

  /** Why {@code value} is not an accepted price, or null when it is one. */
  public static @Nullable String problem(BigDecimal value) {
    if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
      return "is outside " + RANGE;
    }
    if (value.stripTrailingZeros().scale() > DECIMALS) {
      return "has more than " + DECIMALS + " decimals";
    }
    return null;
  }
}
