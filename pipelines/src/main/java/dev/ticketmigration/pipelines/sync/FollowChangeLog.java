package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.changelog.ChangeBatch;
import dev.ticketmigration.changelog.ChangeLogReader;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sync's one step: poll a batch of dirty keys from the change log, rebuild and write them
 * ({@link ApplyChanges}), and only then confirm the batch to the reader, which stores the position
 * and lets the source recycle its log. Confirmation never waits for a runner checkpoint, so the
 * same code is safe on every runner: a kill at any point replays the unconfirmed batches, and a
 * replay rebuilds from the source again (docs/design/sync.md).
 *
 * <p>Splittable and unbounded so runners treat it as a stream: the restriction counts polls only.
 * Each call works for a few seconds, then hands back; the reader stays open across calls in this
 * JVM ({@link Session}), since a slot has one consumer at a time.
 *
 * <p>With {@link SyncSettings#stopWhenCaughtUp} the session writes a marker into the log when it
 * starts and stops once the marker has come through with every batch before it applied: every
 * change committed before the start is then in DynamoDB.
 */
@DoFn.UnboundedPerElement
public final class FollowChangeLog extends DoFn<byte[], Long> {
  private static final Logger LOG = LoggerFactory.getLogger(FollowChangeLog.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration WORK_PER_CALL = Duration.ofSeconds(5);

  /** Open sessions by slot; at most one per slot in a JVM. */
  private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();

  /** The syncs of this JVM that caught up: their remaining restriction is claimed, not run. */
  private static final Set<String> CAUGHT_UP = ConcurrentHashMap.newKeySet();

  private final SyncSettings settings;

  /** This pipeline's sync (a new one per pipeline built). */
  private final String syncId = UUID.randomUUID().toString();

  public FollowChangeLog(SyncSettings settings) {
    this.settings = settings;
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element byte[] impulse) {
    return new OffsetRange(0, Long.MAX_VALUE);
  }

  @NewTracker
  public OffsetRangeTracker newTracker(@Restriction OffsetRange restriction) {
    return new OffsetRangeTracker(restriction);
  }

  @GetRestrictionCoder
  public org.apache.beam.sdk.coders.Coder<OffsetRange> restrictionCoder() {
    return OffsetRange.Coder.of();
  }

  @ProcessElement
  public ProcessContinuation process(
      RestrictionTracker<OffsetRange, Long> tracker, OutputReceiver<Long> out)
      throws InterruptedException {
    if (CAUGHT_UP.contains(syncId)) {
      // the runner split off this rest while the sync was catching up: nothing is left to do
      tracker.tryClaim(Long.MAX_VALUE - 1);
      return ProcessContinuation.stop();
    }
    Reaper.ensureRunning();
    Session session = SESSIONS.computeIfAbsent(settings.slot(), slot -> Session.open(settings));
    session.lastUsed = System.nanoTime();
    long deadline = System.nanoTime() + WORK_PER_CALL.toNanos();
    long poll = tracker.currentRestriction().getFrom();
    try {
      while (System.nanoTime() < deadline) {
        if (!tracker.tryClaim(poll)) {
          return ProcessContinuation.stop();
        }
        poll++;
        ChangeBatch batch = session.reader.poll(POLL);
        if (batch != null) {
          out.output(session.apply(batch));
        } else {
          // nothing pending: the target holds every change the log has delivered
          Progress.lag(Duration.ZERO);
        }
        if (session.caughtUp()) {
          LOG.info("Caught up: every change committed before the sync started is applied");
          CAUGHT_UP.add(syncId);
          close(settings.slot());
          // claims the rest of the restriction: the work is done, not left for a resume
          tracker.tryClaim(Long.MAX_VALUE - 1);
          return ProcessContinuation.stop();
        }
      }
    } catch (RuntimeException e) {
      // the slot must be free for the retry or the next run
      close(settings.slot());
      throw e;
    }
    session.lastUsed = System.nanoTime();
    return ProcessContinuation.resume();
  }

  /**
   * Runners discard DoFn instances between resumes (the DirectRunner does after every call), so the
   * session is not closed here: the next call would restart the engine and wait for the slot. A
   * session nobody resumed for {@link #IDLE_CLOSE} (the pipeline was cancelled) is closed by the
   * reaper instead, which frees the slot.
   */
  /**
   * Runners discard DoFn instances between resumes (the DirectRunner does after every call), so the
   * session is not closed here: the next call would restart the engine and wait for the slot. A
   * session nobody resumed for {@link #IDLE_CLOSE} (the pipeline was cancelled) is closed by the
   * {@link Reaper} instead, which frees the slot.
   */
  @Teardown
  public void teardown() {
    Reaper.ensureRunning();
  }

  private static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

  /** Closes sessions left idle; one daemon thread per JVM, started on first use. */
  private static final class Reaper {
    private static final ScheduledExecutorService EXECUTOR =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "change-log-session-reaper");
              thread.setDaemon(true);
              return thread;
            });

    static {
      var unused =
          EXECUTOR.scheduleWithFixedDelay(
              Reaper::closeIdle, IDLE_CLOSE.toSeconds(), 15, TimeUnit.SECONDS);
    }

    static void ensureRunning() {
      // loading the class started it
    }

    private static void closeIdle() {
      long now = System.nanoTime();
      SESSIONS.forEach(
          (slot, session) -> {
            if (now - session.lastUsed > IDLE_CLOSE.toNanos()) {
              LOG.info("Closing the idle change-log session of slot {}", slot);
              close(slot);
            }
          });
    }
  }

  private static void close(String slot) {
    Session session = SESSIONS.remove(slot);
    if (session != null) {
      session.close();
    }
  }

  /** A reader with what applying its batches needs. */
  private static final class Session implements AutoCloseable {
    final SyncSettings settings;
    final ChangeLogReader reader;
    final ExecutorService lanes;
    final DynamoDbClient client;
    final DeadLetterFile deadLetters;
    final ApplyChanges apply;
    final @Nullable String marker;
    final SyncCounters counters = new SyncCounters();
    volatile long lastUsed = System.nanoTime();

    private Session(SyncSettings settings, ChangeLogReader reader) {
      this.settings = settings;
      this.reader = reader;
      this.lanes = Executors.newFixedThreadPool(settings.lanes());
      this.client = settings.target().newWriteClient();
      this.deadLetters = new DeadLetterFile(Path.of(settings.deadLetterFile()));
      DataSource dataSource = settings.source().dataSource().buildDatasource();
      this.apply = new ApplyChanges(settings, dataSource, client, lanes, deadLetters);
      this.marker = settings.stopWhenCaughtUp() ? reader.emitMarker() : null;
    }

    static Session open(SyncSettings settings) {
      ChangeLogReader reader = settings.newReader();
      reader.start();
      try {
        return new Session(settings, reader);
      } catch (RuntimeException e) {
        reader.close();
        throw e;
      }
    }

    /** Applies a batch, records its dead letters, confirms it; returns its change count. */
    long apply(ChangeBatch batch) {
      apply.apply(batch, counters);
      deadLetters.flush();
      reader.confirm(batch);
      counters.flush();
      Duration lag = Duration.between(batch.lastCommitTime(), Instant.now());
      Progress.lag(lag);
      Metrics.distribution(MetricNames.NAMESPACE, MetricNames.SYNC_LAG_MILLIS)
          .update(Math.max(0, lag.toMillis()));
      if (batch.position().bitLength() < Long.SIZE) { // a SQL Server LSN is wider than a gauge
        Metrics.gauge(MetricNames.NAMESPACE, MetricNames.SYNC_POSITION)
            .set(batch.position().longValue());
      }
      SyncStatus.applied(settings.slot(), batch.position(), lag);
      return batch.keys().size();
    }

    boolean caughtUp() {
      return marker != null && reader.reachedMarker(marker);
    }

    @Override
    public void close() {
      try {
        reader.close();
      } finally {
        lanes.shutdownNow();
        try {
          lanes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        client.close();
      }
    }
  }
}
