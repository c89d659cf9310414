package dev.ticketmigration.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Samples, a few times a second, the CPU time of dynalite, of the contender (a child JVM or this
 * one), of all PostgreSQL processes, and of the whole machine, so every phase can say how many
 * cores each of them took. Counters are cumulative ticks; {@link #usage} turns a window into cores.
 */
final class CpuSampler implements AutoCloseable {
  /** One sample: cumulative ticks at {@code nanos} (System.nanoTime). */
  record Sample(long nanos, long dynalite, long contender, long postgres, long busy, long total) {}

  /** Average cores used over a window; {@code others} is the machine minus the three. */
  record Usage(double seconds, double dynalite, double contender, double postgres, double machine) {
    double others() {
      return Math.max(0, machine - dynalite - contender - postgres);
    }

    static final Usage NONE = new Usage(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  private final long dynalitePid;
  private final long intervalMs;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long contenderPid;
  private volatile boolean contenderFromBirth;
  private long contenderAccumulated;
  private long contenderLastPid = -1;
  private long contenderLastTicks;
  private long dynaliteLast;
  private final Map<Long, Long> postgresLast = new HashMap<>();
  private long postgresAccumulated;
  private boolean first = true;
  private volatile long peakRss = -1;

  CpuSampler(long dynalitePid, long intervalMs) {
    this.dynalitePid = dynalitePid;
    this.intervalMs = intervalMs;
    this.contenderPid = ProcessHandle.current().pid();
    this.contenderFromBirth = false;
    sample();
    this.thread = new Thread(this::loop, "cpu-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** From now on the contender is {@code pid}; a child started for the run counts from birth. */
  void contender(long pid, boolean fromBirth) {
    this.contenderFromBirth = fromBirth;
    this.contenderPid = pid;
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private synchronized void sample() {
    long now = System.nanoTime();
    long d = dynalitePid > 0 ? Proc.cpuTicks(dynalitePid) : -1;
    if (d >= 0) {
      dynaliteLast = d;
    }
    long pid = contenderPid;
    long c = Proc.cpuTicks(pid);
    if (c >= 0) {
      if (pid != contenderLastPid) {
        contenderLastTicks = contenderFromBirth ? 0 : c;
        contenderLastPid = pid;
      }
      contenderAccumulated += Math.max(0, c - contenderLastTicks);
      contenderLastTicks = c;
      long rss = Proc.peakRss(pid);
      if (contenderFromBirth && rss > peakRss) {
        peakRss = rss;
      }
    }
    Map<Long, Long> pg = Proc.ticksByName("postgres");
    for (Map.Entry<Long, Long> e : pg.entrySet()) {
      Long before = postgresLast.get(e.getKey());
      if (before != null) {
        postgresAccumulated += Math.max(0, e.getValue() - before);
      } else if (!first) {
        postgresAccumulated += e.getValue(); // a backend born since the last sample
      }
    }
    postgresLast.clear();
    postgresLast.putAll(pg);
    first = false;
    long[] m = Proc.machineTicks();
    samples.add(
        new Sample(now, dynaliteLast, contenderAccumulated, postgresAccumulated, m[0], m[1]));
  }

  /** Peak resident memory of a child contender (bytes), or -1. */
  long peakRss() {
    return peakRss;
  }

  /** Takes a sample now (e.g. right at the end of a phase). */
  void mark() {
    sample();
  }

  synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  /** Average cores over [from, to] (nanoTime), using the samples enclosing the window. */
  synchronized Usage usage(long from, long to) {
    Sample a = null;
    Sample b = null;
    for (Sample s : samples) {
      if (s.nanos() <= from) {
        a = s;
      }
      if (b == null && s.nanos() >= to) {
        b = s;
      }
    }
    if (a == null && !samples.isEmpty()) {
      a = samples.get(0);
    }
    if (b == null && !samples.isEmpty()) {
      b = samples.get(samples.size() - 1);
    }
    if (a == null || b == null || b.nanos() <= a.nanos()) {
      return Usage.NONE;
    }
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    double perCore = seconds * Proc.HZ;
    long totalTicks = b.total() - a.total();
    int cpus = Runtime.getRuntime().availableProcessors();
    double machine =
        totalTicks > 0 ? (double) (b.busy() - a.busy()) / totalTicks * cpus : Double.NaN;
    return new Usage(
        seconds,
        (b.dynalite() - a.dynalite()) / perCore,
        (b.contender() - a.contender()) / perCore,
        (b.postgres() - a.postgres()) / perCore,
        machine);
  }

  /**
   * Start of the first sample interval inside [after, before] in which dynalite used at least
   * {@code cores}: when a phase that writes began.
   */
  synchronized OptionalLong firstDynaliteBusy(long after, long before, double cores) {
    for (int i = 1; i < samples.size(); i++) {
      Sample p = samples.get(i - 1);
      Sample s = samples.get(i);
      if (p.nanos() < after || s.nanos() > before) {
        continue;
      }
      if (dynaliteCores(p, s) >= cores) {
        return OptionalLong.of(p.nanos());
      }
    }
    return OptionalLong.empty();
  }

  /**
   * End of the last sample interval inside [after, before] in which dynalite used {@code cores}.
   */
  synchronized OptionalLong lastDynaliteBusy(long after, long before, double cores) {
    for (int i = samples.size() - 1; i >= 1; i--) {
      Sample p = samples.get(i - 1);
      Sample s = samples.get(i);
      if (p.nanos() < after || s.nanos() > before) {
        continue;
      }
      if (dynaliteCores(p, s) >= cores) {
        return OptionalLong.of(s.nanos());
      }
    }
    return OptionalLong.empty();
  }

  /** Cores dynalite used between two samples. */
  private static double dynaliteCores(Sample p, Sample s) {
    return (s.dynalite() - p.dynalite()) / ((s.nanos() - p.nanos()) / 1e9 * Proc.HZ);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
