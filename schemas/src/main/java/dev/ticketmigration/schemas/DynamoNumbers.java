package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/** DynamoDB's number limits: 38 significant digits, magnitudes from 1E-130 to below 1E+126. */
public final class DynamoNumbers {
  private DynamoNumbers() {}

  public static final int MAX_DIGITS = 38;

  /** Why DynamoDB would reject this number, or null when it fits. */
  public static @Nullable String problem(BigDecimal value) {
    if (value.signum() == 0) {
      return null;
    }
    BigDecimal n = value.stripTrailingZeros();
    if (n.precision() > MAX_DIGITS) {
      return "has " + n.precision() + " significant digits; DynamoDB keeps at most " + MAX_DIGITS;
    }
    // magnitude exponent: value = d.ddd x 10^e
    int exponent = n.precision() - n.scale() - 1;
    if (exponent >= 126) {
      return "is larger than DynamoDB's maximum number (below 1E+126)";
    }
    if (exponent < -130) {
      return "is smaller than DynamoDB's minimum number magnitude (1E-130)";
    }
    return null;
  }
}
