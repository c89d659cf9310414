package dev.ticketmigration.testdata;

/**
 * The seats of one venue: levels × sections per level × rows per section × seats per row, numbered
 * in that order. Seats are computed from their index, so no venue's seats are held in memory.
 * Sections are named like stadium sections (101, 102, 201...), rows A..Z then AA, BB..., seats 1,
 * 2... (01, 02... at venues that pad them: text with leading zeros).
 */
final class VenueLayout {
  static final int MAX_SEATS_PER_ROW = 30;
  static final int MAX_ROWS = 40;
  private static final String[] ROW_LABELS = rowLabels();

  /** A seat as the seat and ticket tables store it. */
  record Seat(int level, String section, String row, String number, SeatType type) {}

  private final int levels;
  private final int sectionsPerLevel;
  private final int rowsPerSection;
  private final int seatsPerRow;
  private final String[][] sectionLabels;
  private final String[] seatLabels;

  VenueLayout(
      int levels,
      int sectionsPerLevel,
      int rowsPerSection,
      int seatsPerRow,
      boolean zeroPaddedSeats) {
    if (rowsPerSection > MAX_ROWS || seatsPerRow > MAX_SEATS_PER_ROW) {
      throw new IllegalArgumentException(
          "at most " + MAX_ROWS + " rows of " + MAX_SEATS_PER_ROW + " seats per section");
    }
    this.levels = levels;
    this.sectionsPerLevel = sectionsPerLevel;
    this.rowsPerSection = rowsPerSection;
    this.seatsPerRow = seatsPerRow;
    this.sectionLabels = new String[levels][sectionsPerLevel];
    for (int level = 0; level < levels; level++) {
      for (int section = 0; section < sectionsPerLevel; section++) {
        sectionLabels[level][section] = String.valueOf((level + 1) * 100 + section + 1);
      }
    }
    this.seatLabels = new String[seatsPerRow];
    for (int seat = 0; seat < seatsPerRow; seat++) {
      seatLabels[seat] =
          zeroPaddedSeats ? String.format("%02d", seat + 1) : String.valueOf(seat + 1);
    }
  }

  /**
   * A layout of about {@code targetSeats} seats: more levels for bigger venues, rows and seats per
   * row growing with the square root of a level's size, and the section count varied by ±15% so
   * that venues differ in capacity.
   */
  static VenueLayout forTarget(int targetSeats, SplitMix rng) {
    int levels = targetSeats >= 30_000 ? 4 : targetSeats >= 5_000 ? 3 : targetSeats >= 300 ? 2 : 1;
    double perLevel = (double) targetSeats / levels;
    int seatsPerRow = clamp(Math.round(Math.sqrt(perLevel) / 2), 2, MAX_SEATS_PER_ROW);
    int rows = clamp(Math.round(Math.sqrt(perLevel) / 2.5), 1, MAX_ROWS);
    double sections = perLevel / (rows * seatsPerRow) * (0.85 + 0.3 * rng.nextDouble());
    boolean zeroPadded = rng.nextInt(3) == 0;
    return new VenueLayout(
        levels, clamp(Math.round(sections), 1, 99), rows, seatsPerRow, zeroPadded);
  }

  int levels() {
    return levels;
  }

  /** Sections of the whole venue (all levels), as sport_location.sections stores it. */
  int sections() {
    return levels * sectionsPerLevel;
  }

  int seatCount() {
    return sections() * rowsPerSection * seatsPerRow;
  }

  Seat seat(int index) {
    int seat = index % seatsPerRow;
    int rest = index / seatsPerRow;
    int row = rest % rowsPerSection;
    rest /= rowsPerSection;
    int section = rest % sectionsPerLevel;
    int level = rest / sectionsPerLevel;
    return new Seat(
        level + 1,
        sectionLabels[level][section],
        ROW_LABELS[row],
        seatLabels[seat],
        seatType(level, section, row));
  }

  /**
   * Front rows of the lowest level are luxury, a pillar hides the back row of each first section.
   */
  private SeatType seatType(int level, int section, int row) {
    if (level == 0 && row < 2) {
      return SeatType.LUXURY;
    }
    if (section == 0 && row == rowsPerSection - 1) {
      return SeatType.OBSTRUCTED;
    }
    if (level == 0) {
      return SeatType.PREMIUM;
    }
    return level == levels - 1 && levels >= 3 ? SeatType.SUB_STANDARD : SeatType.STANDARD;
  }

  private static String[] rowLabels() {
    String[] labels = new String[MAX_ROWS];
    for (int row = 0; row < MAX_ROWS; row++) {
      labels[row] = String.valueOf((char) ('A' + row % 26)).repeat(row / 26 + 1);
    }
    return labels;
  }

  private static int clamp(long value, int min, int max) {
    return (int) Math.max(min, Math.min(max, value));
  }
}
