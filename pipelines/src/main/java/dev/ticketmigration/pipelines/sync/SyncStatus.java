package dev.ticketmigration.pipelines.sync;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the syncs of this JVM did, for the run's summary and report: the position of the last batch
 * applied and the lag of every batch. A run on a cluster has none here (its workers hold them; the
 * runner's metrics show the counts).
 */
public final class SyncStatus {
  private SyncStatus() {}

  /** Batches whose lag is kept; older ones are dropped. */
  private static final int MAX_SAMPLES = 1 << 20;

  private static final Map<String, BigInteger> POSITIONS = new ConcurrentHashMap<>();
  private static long[] lagMillis = new long[1024];
  private static int samples;

  static void applied(String slot, BigInteger position, Duration lag) {
    POSITIONS.put(slot, position);
    synchronized (SyncStatus.class) {
      if (samples == MAX_SAMPLES) {
        return;
      }
      if (samples == lagMillis.length) {
        lagMillis = Arrays.copyOf(lagMillis, lagMillis.length * 2);
      }
      lagMillis[samples++] = Math.max(0, lag.toMillis());
    }
  }

  /** The position of the last batch this JVM applied from {@code slot}, or null. */
  public static @Nullable BigInteger lastPosition(String slot) {
    return POSITIONS.get(slot);
  }

  /** Lag percentiles over the batches applied: p in [0, 100]; null when none was. */
  public static synchronized @Nullable Duration lagPercentile(double p) {
    if (samples == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(lagMillis, samples);
    Arrays.sort(sorted);
    int index = (int) Math.min(samples - 1, Math.max(0, Math.ceil(p / 100 * samples) - 1));
    return Duration.ofMillis(sorted[index]);
  }

  /** Forgets everything (a new run in this JVM). */
  public static synchronized void reset() {
    POSITIONS.clear();
    samples = 0;
  }
}
