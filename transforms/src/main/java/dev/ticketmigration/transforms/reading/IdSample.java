package dev.ticketmigration.transforms.reading;

import java.io.Serializable;

/**
 * A deterministic sample of ids that the source database itself can apply, so that a plan of 1 %
 * transfers about 1 % of the rows instead of reading everything and dropping 99 % in the pipeline.
 *
 * <p>An id is kept when its residue modulo the prime {@value #MODULUS}, scrambled by multiplying
 * with {@value #MULTIPLIER} (about the golden ratio of the modulus, so neighbouring ids land far
 * apart), falls below {@code fraction * MODULUS}. Consecutive ids are therefore spread evenly over
 * kept and dropped, a ticket and its history rows (both keyed by the ticket id) are kept together,
 * and the same fraction keeps the same ids on every run. The SQL uses only {@code %}, {@code *},
 * {@code +} and comparison, which SQL Server, PostgreSQL, MariaDB/MySQL and H2 share, and every
 * intermediate value stays below 2^31 so that even an INT column cannot overflow; {@link #keeps} is
 * the same function in Java, for columns the database cannot compute it on (DOUBLE ids).
 */
public final class IdSample implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest prime whose square is below 2^31: products of residues fit in an INT. */
  static final int MODULUS = 46_337;

  static final int MULTIPLIER = 28_637;

  private final double fraction;
  private final int threshold;

  private IdSample(double fraction) {
    this.fraction = fraction;
    this.threshold = (int) Math.round(fraction * MODULUS);
  }

  /** Keeps about {@code fraction} (0 < fraction <= 1) of the ids. */
  public static IdSample of(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("sample fraction must be in (0, 1], was " + fraction);
    }
    return new IdSample(fraction);
  }

  public double fraction() {
    return fraction;
  }

  /** Whether every id is kept (no predicate needed). */
  public boolean keepsAll() {
    return threshold >= MODULUS;
  }

  /** Whether {@code id} is in the sample. */
  public boolean keeps(long id) {
    return Math.floorMod(id, MODULUS) * (long) MULTIPLIER % MODULUS < threshold;
  }

  /**
   * The same test as SQL on an integer id expression, e.g. {@code t.id}; {@code (x % m + m) % m}
   * because SQL's {@code %} keeps the sign of a negative id.
   */
  public String predicate(String idExpression) {
    return "(("
        + idExpression
        + " % "
        + MODULUS
        + " + "
        + MODULUS
        + ") % "
        + MODULUS
        + ") * "
        + MULTIPLIER
        + " % "
        + MODULUS
        + " < "
        + threshold;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdSample other && other.fraction == fraction;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(fraction);
  }

  @Override
  public String toString() {
    return "IdSample(" + fraction + ")";
  }
}
