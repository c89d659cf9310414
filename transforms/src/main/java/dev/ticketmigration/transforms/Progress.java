package dev.ticketmigration.transforms;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines while a run works: rows read, items written, items/s and an ETA when the expected
 * number of items is known.
 *
 * <p>The counts are per JVM, incremented next to the Beam metrics of the same events. In a local
 * run (DirectRunner, Flink's embedded cluster, Spark's local master) the pipeline runs in the
 * driver's JVM, so the lines show the whole run; on a cluster each worker logs its own share, and
 * the runner's UI shows the Beam metrics.
 */
public final class Progress {
  private Progress() {}

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final AtomicLong ROWS_READ = new AtomicLong();
  private static final AtomicLong ITEMS_WRITTEN = new AtomicLong();
  private static final AtomicLong ROWS_REJECTED = new AtomicLong();

  private static ScheduledExecutorService reporter;

  /**
   * How often to report, how many items the run is expected to handle (0: unknown) and what it does
   * with them ("written", "scanned"; empty when it counts rows only).
   */
  public record Settings(int intervalSeconds, long expectedItems, String itemsDone)
      implements Serializable {
    public static final Settings OFF = new Settings(0, 0);

    public Settings(int intervalSeconds, long expectedItems) {
      this(intervalSeconds, expectedItems, "written");
    }
  }

  public static void rowRead() {
    ROWS_READ.incrementAndGet();
  }

  public static void itemWritten() {
    ITEMS_WRITTEN.incrementAndGet();
  }

  public static void rowRejected() {
    ROWS_REJECTED.incrementAndGet();
  }

  public static long itemsWritten() {
    return ITEMS_WRITTEN.get();
  }

  /**
   * Starts reporting to {@code sink} unless a reporter already runs in this JVM. Counts start from
   * zero.
   */
  public static synchronized void start(Settings settings, Consumer<String> sink) {
    if (reporter != null || settings.intervalSeconds() <= 0) {
      return;
    }
    ROWS_READ.set(0);
    ITEMS_WRITTEN.set(0);
    ROWS_REJECTED.set(0);
    reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "migration-progress");
              t.setDaemon(true);
              return t;
            });
    Line line = new Line(settings.expectedItems(), settings.itemsDone(), System.nanoTime());
    var unused =
        reporter.scheduleAtFixedRate(
            () -> {
              // nothing counted in this JVM: the pipeline runs on a cluster, whose UI shows
              // progress
              if (ROWS_READ.get() > 0 || ITEMS_WRITTEN.get() > 0) {
                sink.accept(line.next());
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

  /** Builds successive lines; remembers the previous sample for the recent rate. */
  private static final class Line {
    private final long expected;
    private final String itemsDone;
    private final long startNanos;
    private long lastItems;
    private long lastRows;
    private long lastNanos;

    Line(long expected, String itemsDone, long startNanos) {
      this.expected = expected;
      this.itemsDone = itemsDone;
      this.startNanos = startNanos;
      this.lastNanos = startNanos;
    }

    String next() {
      long now = System.nanoTime();
      long items = ITEMS_WRITTEN.get();
      long rows = ROWS_READ.get();
      double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
      double rate = (items - lastItems) / seconds;
      double rowRate = (rows - lastRows) / seconds;
      lastItems = items;
      lastRows = rows;
      lastNanos = now;
      if (itemsDone.isEmpty()) {
        return String.format("progress: %,d rows read (%,.0f rows/s)", rows, rowRate);
      }
      StringBuilder text =
          new StringBuilder(
              String.format(
                  "progress: %,d rows read, %,d items %s (%,.0f items/s)",
                  rows, items, itemsDone, rate));
      if (ROWS_REJECTED.get() > 0) {
        text.append(String.format(", %,d rows rejected", ROWS_REJECTED.get()));
      }
      if (expected > 0) {
        double average = items / Math.max(1e-9, (now - startNanos) / 1e9);
        text.append(
            String.format(", %d%% of ~%,d items", Math.min(100, items * 100 / expected), expected));
        if (items > 0 && items < expected && average > 0) {
          text.append(", ETA ")
              .append(format(Duration.ofSeconds((long) ((expected - items) / average))));
        }
      }
      return text.toString();
    }

    private static String format(Duration d) {
      return d.toHours() > 0
          ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
          : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
  }
}
