package dev.ticketmigration.testdata;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Draws the purchase history of sold tickets: a sale, then a chain of 0 to 3 transfers, each to a
 * different person, each strictly later than the one before and all before the event. Times carry
 * non-zero seconds. Buyers are persons 1 to persons - 1: the last person never buys, so every data
 * set has a person without tickets.
 */
final class TicketSales {
  private static final int MINUTES_PER_DAY = 24 * 60;

  /** Sales happen 1 to 120 days before the event. */
  private static final int SALE_WINDOW_MINUTES = 119 * MINUTES_PER_DAY;

  private static final BigDecimal DISCOUNT = new BigDecimal("0.85");

  /**
   * The fixed history of the first ticket: three transfers, so its second holder both received and
   * sent one. Two times do not exist on local clocks: 2026-03-08 02:30 in America/New_York and
   * 2026-03-29 02:30 in Europe/Berlin (daylight saving gaps), which catches a migration that
   * converts through the machine's time zone.
   */
  private static final List<LocalDateTime> FIRST_TICKET_TIMES =
      List.of(
          LocalDateTime.of(2026, 3, 8, 2, 30, 15),
          LocalDateTime.of(2026, 3, 20, 12, 0, 30),
          LocalDateTime.of(2026, 3, 29, 2, 30, 45),
          LocalDateTime.of(2026, 3, 31, 23, 59, 59));

  /** The history of one sold ticket; row 0 is the sale, the last buyer holds the ticket. */
  static final class TicketSale {
    private final int[] buyers;
    private final LocalDateTime[] times;
    private final BigDecimal[] prices;

    private TicketSale(int rows) {
      buyers = new int[rows];
      times = new LocalDateTime[rows];
      prices = new BigDecimal[rows];
    }

    int rows() {
      return buyers.length;
    }

    int holder() {
      return buyers[buyers.length - 1];
    }

    int buyer(int row) {
      return buyers[row];
    }

    /** The previous holder, or null for the sale itself. */
    Integer transferredFrom(int row) {
      return row == 0 ? null : buyers[row - 1];
    }

    LocalDateTime time(int row) {
      return times[row];
    }

    BigDecimal price(int row) {
      return prices[row];
    }
  }

  private final int persons;
  private final double transferShare;

  TicketSales(int persons, double transferShare) {
    this.persons = persons;
    this.transferShare = transferShare;
  }

  /** A sale with a transfer chain of 1 (70%), 2 (20%) or 3 (10%) transfers for transferShare. */
  TicketSale sell(SplitMix rng, LocalDateTime eventStart, BigDecimal ticketPrice) {
    int transfers = 0;
    if (rng.chance(transferShare)) {
      int roll = rng.nextInt(10);
      transfers = roll < 7 ? 1 : roll < 9 ? 2 : 3;
    }
    TicketSale sale = new TicketSale(1 + transfers);
    sale.buyers[0] = 1 + rng.nextInt(persons - 1);
    sale.times[0] =
        withSeconds(
            eventStart.minusMinutes(MINUTES_PER_DAY + rng.nextInt(SALE_WINDOW_MINUTES)), rng);
    sale.prices[0] =
        rng.chance(0.15) ? EventPricing.money(ticketPrice.multiply(DISCOUNT), 4) : ticketPrice;
    for (int row = 1; row <= transfers; row++) {
      // Half of the time left at most: three transfers still end hours before the event.
      LocalDateTime previous = sale.times[row - 1].truncatedTo(ChronoUnit.MINUTES);
      long left = ChronoUnit.MINUTES.between(previous, eventStart);
      sale.times[row] =
          withSeconds(previous.plusMinutes(1 + rng.nextInt((int) Math.max(1, left / 2))), rng);
      transfer(sale, row, rng, ticketPrice);
    }
    return sale;
  }

  /** The first ticket's fixed chain of three transfers (see {@link #FIRST_TICKET_TIMES}). */
  TicketSale sellFirstTicket(SplitMix rng, BigDecimal ticketPrice) {
    TicketSale sale = new TicketSale(FIRST_TICKET_TIMES.size());
    sale.buyers[0] = 1 + rng.nextInt(persons - 1);
    sale.times[0] = FIRST_TICKET_TIMES.get(0);
    sale.prices[0] = ticketPrice;
    for (int row = 1; row < sale.rows(); row++) {
      sale.times[row] = FIRST_TICKET_TIMES.get(row);
      transfer(sale, row, rng, ticketPrice);
    }
    return sale;
  }

  /** A new holder other than the current one; a gift (0.0000) one time in five, else resold. */
  private void transfer(TicketSale sale, int row, SplitMix rng, BigDecimal ticketPrice) {
    int previous = sale.buyers[row - 1];
    int next = 1 + rng.nextInt(persons - 2);
    sale.buyers[row] = next < previous ? next : next + 1;
    sale.prices[row] =
        rng.chance(0.2)
            ? EventPricing.money(BigDecimal.ZERO, 4)
            : EventPricing.money(
                ticketPrice.multiply(BigDecimal.valueOf(50 + rng.nextInt(201), 2)), 2);
  }

  private static LocalDateTime withSeconds(LocalDateTime minute, SplitMix rng) {
    return minute.withSecond(1 + rng.nextInt(59));
  }
}
