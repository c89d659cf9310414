package dev.ticketmigration.transforms;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines while a run works. Each line names the phase the run is in (the phases whose
 * counters moved since the last line: reading, building, writing, scanning, comparing; or grouping
 * when rows were read and nothing moves while a join collects them), each phase with its own
 * counter and rate, and an ETA when the expected number of items is known. A phase that did not
 * move shows its total only, never a rate of 0.
 *
 * <p>The counts are per JVM, incremented next to the Beam metrics of the same events. In a local
 * run (DirectRunner, Flink's embedded cluster, Spark's local master) the pipeline runs in the
 * driver's JVM, so the lines show the whole run; on a cluster each worker logs its own share, and
 * the runner's UI shows the Beam metrics.
 */
public final class Progress {
  private Progress() {}

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** What a run is doing, in the order a run does it; each has its own counter. */
  public enum Phase {
    READING("reading", "rows read", "rows/s"),
    BUILDING("building", "items built", "items/s"),
    WRITING("writing", "items written", "items/s"),
    SCANNING("scanning", "items scanned", "items/s"),
    COMPARING("comparing", "items compared", "items/s"),
    /** A sync applies the source's changes: dirty keys rebuilt and written. */
    APPLYING("applying", "changes applied", "changes/s");

    private final String label;
    private final String counted;
    private final String rate;
    // one cell per thread under contention: the readers of all ranges count every row here
    private final LongAdder count = new LongAdder();

    Phase(String label, String counted, String rate) {
      this.label = label;
      this.counted = counted;
      this.rate = rate;
    }
  }

  private static final AtomicLong ROWS_REJECTED = new AtomicLong();

  /** A sync's lag behind the source's commits, in milliseconds; -1: not a sync. */
  private static final AtomicLong LAG_MILLIS = new AtomicLong(-1);

  /** When this JVM read its first row, and (to within 256 rows) its last; 0: not yet. */
  private static final AtomicLong FIRST_ROW_NANOS = new AtomicLong();

  private static final AtomicLong LAST_ROW_NANOS = new AtomicLong();

  /** Rows read by the current thread, for reading the clock every 256 of them. */
  private static final ThreadLocal<long[]> ROWS_IN_THREAD =
      ThreadLocal.withInitial(() -> new long[1]);

  private static @Nullable ScheduledExecutorService reporter;

  /**
   * How often to report; how many items the run is expected to handle in {@code etaPhase} (0:
   * unknown; null: no ETA); and whether the runner groups in memory (the DirectRunner), which the
   * grouping lines then say.
   */
  public record Settings(
      int intervalSeconds, long expectedItems, @Nullable Phase etaPhase, boolean groupsInMemory)
      implements Serializable {
    public static final Settings OFF = new Settings(0, 0, null, false);
  }

  /** Counts one event of {@code phase} in this JVM. */
  public static void count(Phase phase) {
    phase.count.increment();
  }

  public static void rowRead() {
    Phase.READING.count.increment();
    long n = ++ROWS_IN_THREAD.get()[0];
    // the clock at each thread's first row and every 256 rows after: the read's span to within a
    // few rows, at next to no cost per row
    if (n == 1 || (n & 255) == 0) {
      long now = System.nanoTime();
      FIRST_ROW_NANOS.compareAndSet(0, now);
      LAST_ROW_NANOS.set(now);
    }
  }

  /** The rows this JVM read and the seconds from its first row to its last. */
  public record ReadSpan(long rows, double seconds) {}

  /** This JVM's read so far (rows 0 when it read none: the run was on a cluster). */
  public static ReadSpan readSpan() {
    long first = FIRST_ROW_NANOS.get();
    return new ReadSpan(
        Phase.READING.count.sum(), first == 0 ? 0 : (LAST_ROW_NANOS.get() - first) / 1e9);
  }

  /** How far a sync is behind the source's last commit it has seen (0: nothing pending). */
  public static void lag(Duration lag) {
    LAG_MILLIS.set(Math.max(0, lag.toMillis()));
  }

  public static void rowRejected() {
    ROWS_REJECTED.incrementAndGet();
  }

  /**
   * Starts reporting to {@code sink} unless a reporter already runs in this JVM. Counts start from
   * zero.
   */
  public static synchronized void start(Settings settings, Consumer<String> sink) {
    if (reporter != null || settings.intervalSeconds() <= 0) {
      return;
    }
    for (Phase phase : Phase.values()) {
      phase.count.reset();
    }
    ROWS_REJECTED.set(0);
    LAG_MILLIS.set(-1);
    FIRST_ROW_NANOS.set(0);
    LAST_ROW_NANOS.set(0);
    reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "migration-progress");
              t.setDaemon(true);
              return t;
            });
    Line line = new Line(settings, System.nanoTime());
    var unused =
        reporter.scheduleAtFixedRate(
            () -> {
              // nothing counted in this JVM: the pipeline runs on a cluster, whose UI shows
              // progress
              String text = line.next(System.nanoTime());
              if (text != null) {
                sink.accept(text);
              }
            },
            settings.intervalSeconds(),
            settings.intervalSeconds(),
            TimeUnit.SECONDS);
  }

  /** Starts a reporter that logs, for workers that are not the driver's JVM. */
  public static void startOnWorker(Settings settings) {
    start(settings, LOG::info);
  }

  public static synchronized void stop() {
    if (reporter != null) {
      reporter.shutdownNow();
      reporter = null;
    }
  }

  /** Builds successive lines; remembers the previous sample for the recent rates. */
  static final class Line {
    private final Settings settings;
    private final long startNanos;
    private final long[] last = new long[Phase.values().length];
    private long lastNanos;
    private long idleSinceNanos = -1;

    Line(Settings settings, long startNanos) {
      this.settings = settings;
      this.startNanos = startNanos;
      this.lastNanos = startNanos;
    }

    /** The next line, or null when nothing was counted in this JVM yet. */
    @Nullable String next(long now) {
      double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
      long[] counts = new long[last.length];
      List<String> active = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      boolean any = false;
      for (Phase phase : Phase.values()) {
        int i = phase.ordinal();
        counts[i] = phase.count.sum();
        any |= counts[i] > 0;
        boolean moved = counts[i] > last[i];
        if (moved) {
          active.add(phase.label);
        }
        if (phase == Phase.READING || counts[i] > 0) {
          String part = String.format("%,d %s", counts[i], phase.counted);
          if (moved) {
            part += String.format(" (%,.0f %s)", (counts[i] - last[i]) / seconds, phase.rate);
          }
          parts.add(part);
        }
      }
      System.arraycopy(counts, 0, last, 0, last.length);
      lastNanos = now;
      boolean sync = LAG_MILLIS.get() >= 0;
      if (!any && !sync) {
        return null;
      }
      if (ROWS_REJECTED.get() > 0) {
        parts.add(String.format("%,d rows rejected", ROWS_REJECTED.get()));
      }
      if (LAG_MILLIS.get() >= 0) {
        parts.add(String.format("lag %.1f s", LAG_MILLIS.get() / 1000.0));
      }
      Phase eta = settings.etaPhase();
      long done = eta == null ? 0 : counts[eta.ordinal()];
      long expected = settings.expectedItems();
      if (active.isEmpty() && sync) {
        // a sync with nothing to apply is up to date (lag 0) or between two polls, not stuck
        parts.add("no change applied since the last line");
        return "progress [following]: " + String.join(", ", parts);
      }
      if (active.isEmpty()) {
        idleSinceNanos = idleSinceNanos < 0 ? now : idleSinceNanos;
        boolean finished = expected > 0 && done >= expected;
        String phase = finished ? "finishing" : "grouping";
        String what =
            (finished ? "writing the last outputs" : "grouping the rows by key")
                + " for "
                + format(Duration.ofNanos(now - idleSinceNanos))
                + (!finished && settings.groupsInMemory()
                    ? " (the DirectRunner groups in memory)"
                    : "");
        parts.add(what);
        return "progress [" + phase + "]: " + String.join(", ", parts);
      }
      idleSinceNanos = -1;
      if (eta != null && expected > 0 && done > 0) {
        StringBuilder share =
            new StringBuilder(
                String.format(
                    "%d%% of ~%,d items", Math.min(100, done * 100 / expected), expected));
        double average = done / Math.max(1e-9, (now - startNanos) / 1e9);
        if (done > 0 && done < expected && average > 0) {
          share
              .append(", ETA ")
              .append(format(Duration.ofSeconds((long) ((expected - done) / average))));
        }
        parts.add(share.toString());
      }
      return "progress [" + String.join(", ", active) + "]: " + String.join(", ", parts);
    }
  }

  static String format(Duration d) {
    return d.toHours() > 0
        ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
