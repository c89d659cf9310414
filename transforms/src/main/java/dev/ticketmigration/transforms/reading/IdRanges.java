package dev.ticketmigration.transforms.reading;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Splits an id interval into contiguous inclusive ranges read in parallel. Inclusive bounds keep
 * BIGINT's maximum readable (a half-open upper bound would overflow).
 */
public final class IdRanges {
  private IdRanges() {}

  /** At most {@code partitions} ranges of near-equal width covering {@code [min, max]}. */
  public static List<KV<Long, Long>> split(long min, long max, int partitions) {
    if (min > max) {
      throw new IllegalArgumentException("empty id interval [" + min + ", " + max + "]");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    // BigInteger: max - min overflows a long for intervals wider than Long.MAX_VALUE
    BigInteger span = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
    BigInteger parts = BigInteger.valueOf(partitions).min(span);
    BigInteger stride = span.divide(parts);
    BigInteger extra = span.mod(parts);
    List<KV<Long, Long>> ranges = new ArrayList<>();
    BigInteger lo = BigInteger.valueOf(min);
    for (long i = 0; i < parts.longValue(); i++) {
      BigInteger width = i < extra.longValue() ? stride.add(BigInteger.ONE) : stride;
      BigInteger hi = lo.add(width).subtract(BigInteger.ONE);
      ranges.add(KV.of(lo.longValueExact(), hi.longValueExact()));
      lo = hi.add(BigInteger.ONE);
    }
    return ranges;
  }
}
