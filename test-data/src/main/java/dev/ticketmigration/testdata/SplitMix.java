package dev.ticketmigration.testdata;

import java.util.List;

/**
 * SplitMix64, written out here so the generated data depends on this code alone, never on a JDK's
 * random number implementation. Each kind of entity draws from its own stream, derived from the
 * seed, so that e.g. changing the number of persons leaves the venues unchanged.
 */
final class SplitMix {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /** The independent streams of one seed. */
  enum Stream {
    VENUE,
    PLAYER,
    PERSON,
    EVENT
  }

  private long state;

  private SplitMix(long state) {
    this.state = state;
  }

  /** The generator for one entity (by index) of one stream of a seed. */
  static SplitMix of(long seed, Stream stream, long index) {
    return new SplitMix(mix(mix(seed + (stream.ordinal() + 1) * GOLDEN_GAMMA) + index));
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, bound) for 0 < bound; the multiply-shift bias is below 2^-32. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer, as in SplitMix64. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
