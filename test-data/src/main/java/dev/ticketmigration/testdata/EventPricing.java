package dev.ticketmigration.testdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * One event's ticket price per seat type: the list price, a demand factor rounded to cents, or the
 * list price plus a 7.25% fee kept to smallmoney's four decimals (45.5000 → 48.7988).
 */
final class EventPricing {
  private static final int[] DEMAND_PERCENT = {80, 90, 110, 125, 150};
  private static final BigDecimal FEE_FACTOR = new BigDecimal("1.0725");

  private final Map<SeatType, BigDecimal> prices = new EnumMap<>(SeatType.class);

  private EventPricing(BigDecimal factor, int decimals) {
    for (SeatType type : SeatType.values()) {
      prices.put(type, money(type.listPrice.multiply(factor), decimals));
    }
  }

  static EventPricing listPrices() {
    return new EventPricing(BigDecimal.ONE, 4);
  }

  /** 40% of events at list price, 45% at a demand factor, 15% with the fee. */
  static EventPricing draw(SplitMix rng) {
    int mode = rng.nextInt(20);
    if (mode < 8) {
      return listPrices();
    }
    if (mode < 17) {
      int percent = DEMAND_PERCENT[rng.nextInt(DEMAND_PERCENT.length)];
      return new EventPricing(BigDecimal.valueOf(percent, 2), 2);
    }
    return new EventPricing(FEE_FACTOR, 4);
  }

  BigDecimal price(SeatType type) {
    return prices.get(type);
  }

  /** {@code value} rounded to {@code decimals} places, carried with smallmoney's scale of 4. */
  static BigDecimal money(BigDecimal value, int decimals) {
    return value.setScale(decimals, RoundingMode.HALF_EVEN).setScale(4, RoundingMode.UNNECESSARY);
  }
}
