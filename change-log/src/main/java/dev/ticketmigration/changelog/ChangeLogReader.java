package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SqlIdentifier;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the source's change log and delivers each change of a DMS_SAMPLE table as a {@link
 * DirtyKey}, in batches, at least once, through Debezium's embedded engine: PostgreSQL's logical
 * change log with the built-in {@code pgoutput} plugin, from a named replication slot and
 * publication (both created on first start); MySQL's ROW binary log; SQL Server's change data
 * capture. The last two have no slot on the server: the start is the log's position stored under
 * the slot's name in the offset directory ({@link LogSource} holds what differs).
 *
 * <p>Delivery and confirmation: {@link #poll} hands out {@link ChangeBatch}es in commit order;
 * {@link #confirm} says a batch's keys are rebuilt. The read position is stored in a file under
 * {@link Builder#offsetDirectory} and acknowledged to the slot (so the source may recycle its log)
 * only up to the last batch confirmed with all batches before it. The engine's own thread stores
 * confirmations, with its next batch or heartbeat ({@link Builder#heartbeatInterval}). A reader
 * that stops or is killed resumes from the stored position: batches delivered but not stored as
 * confirmed come again, nothing is skipped. At most {@link Builder#maxBatchesInFlight} batches wait
 * for confirmation; the log is not read further until one is confirmed.
 *
 * <p>{@link #start} returns once the start is held: every change committed after it is delivered.
 * It fails with a {@link ChangeLogException} naming what to enable when the source has no change
 * log (wal_level, binary log format, CDC), the user lacks the privilege, the schema lacks the
 * tables, or the slot (the stored start) is held by another consumer. A reader that stops on its
 * own makes {@link #poll} throw.
 *
 * <p>Around the stream: {@link #prepare} makes the publication and slot before a bulk copy (the
 * slot then keeps every change committed after it returned, for a reader started later); {@link
 * #emitMarker} and {@link #reachedMarker} tell when every transaction committed before a moment is
 * delivered and confirmed; {@link ChangeBatch#position} orders the rebuilds; {@link
 * #tablesWithoutFullReplicaIdentity} names the tables whose before images would lack the old key.
 *
 * <pre>{@code
 * try (ChangeLogReader reader = ChangeLogReader.builder()
 *     .jdbcUrl("jdbc:postgresql://db:5432/ticketing").user("sync").password(secret)
 *     .schema("dms_sample").offsetDirectory(Path.of("sync-state")).build()) {
 *   reader.start();
 *   while (running) {
 *     ChangeBatch batch = reader.poll(Duration.ofSeconds(1));
 *     if (batch != null) {
 *       rebuild(batch.keys());
 *       reader.confirm(batch);
 *     }
 *   }
 * }
 * }</pre>
 */
public final class ChangeLogReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeLogReader.class);
  private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

  /** Marker tokens seen in the log and not yet asked about are kept up to this many. */
  private static final int MARKERS_KEPT = 256;

  /** How long past a beat a position marker waits before the log is nudged. */
  private static final long NUDGE = Duration.ofSeconds(1).toNanos();

  private final Settings settings;
  private final LogSource log;
  private final String session = UUID.randomUUID().toString();
  private final Object lock = new Object();
  private final AtomicLong markersEmitted = new AtomicLong();

  /** This run's marker tokens the engine delivered, with the sequence of their batch. */
  private final Map<String, Long> markersSeen =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MARKERS_KEPT;
        }
      };

  /** The tables whose before images are whole: REPLICA IDENTITY FULL at start. */
  private volatile Set<SourceTable> fullImages = Set.of();

  /**
   * The position of the last batch delivered: the slot's confirmed position at start, then the
   * highest {@code lsn_commit} of the records handled. Engine thread (and start, before it).
   */
  private BigInteger position;

  /** This run's position markers ({@link LogSource#emitMarker}) not yet seen, by token. */
  private final Map<String, PositionMarker> positionMarkers = new LinkedHashMap<>();

  /** Batches not yet confirmed together with all batches before them, oldest first. */
  private final Deque<Pending> pending = new ArrayDeque<>();

  /** Batches with keys not yet handed out by {@link #poll}. */
  private final Deque<ChangeBatch> ready = new ArrayDeque<>();

  private final CountDownLatch started = new CountDownLatch(1);
  private long nextSequence = 1;
  private boolean closing;

  /** The engine's thread is storing confirmed positions. */
  private boolean storing;

  /** The engine has stopped (closed, or failed on its own). */
  private boolean engineStopped;

  private String stopReason;
  private Throwable stopCause;
  private ExecutorService executor;
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

  private ChangeLogReader(Settings settings) {
    this.settings = settings;
    this.log = LogSource.of(settings);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks the source, makes the publication and slot when they do not exist (as {@link #prepare}
   * does), then starts reading; returns once the slot is being streamed from. Every change
   * committed after the slot was made is delivered (the slot's position, or the stored one when the
   * offset directory holds a later one, is where reading resumes). Also reads which tables have
   * whole before images ({@link DirtyKey#before}).
   *
   * @throws ChangeLogException when the change log cannot be read (the message says what to
   *     enable), or the engine did not start within {@link Builder#startTimeout}
   */
  public void start() {
    synchronized (lock) {
      if (engine != null) {
        throw new IllegalStateException("start() was called already");
      }
    }
    log.check();
    // the start is taken here, not by the connector, so its position is known before the first
    // batch: the position of batches before the connector's first commit
    BigInteger start = log.takeStart(false);
    synchronized (lock) {
      position = start;
    }
    Set<SourceTable> full = EnumSet.noneOf(SourceTable.class);
    full.addAll(DirtyKey.BEFORE_IMAGE_TABLES);
    tablesWithoutFullReplicaIdentity()
        .forEach(name -> SourceTable.byName(name).ifPresent(full::remove));
    fullImages = full;
    try {
      Files.createDirectories(settings.offsetDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.offsetDirectory(), e);
    }
    DebeziumEngine<RecordChangeEvent<SourceRecord>> built =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(engineProperties())
            .notifying(this::handleBatch)
            .using(new Callbacks())
            .using(this::engineFinished)
            .build();
    synchronized (lock) {
      engine = built;
      executor =
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "change-log-" + settings.slotName());
                thread.setDaemon(true);
                return thread;
              });
      executor.execute(built);
    }
    awaitStart();
    LOG.info(
        "Reading the change log of {} at {} (schema {}) as {} from {}",
        log.displayName(),
        settings.address(),
        log.schema(),
        settings.slotName(),
        log.format(start));
  }

  /**
   * Runs the checks of {@link #start} without starting: a logical change log, the replication
   * privilege, the tables, and a slot (if it exists) that decodes with pgoutput and that no other
   * consumer holds (waiting up to {@link Builder#slotWaitTimeout} for one just killed to let go).
   *
   * @throws ChangeLogException naming what to enable or stop
   */
  public void check() {
    log.check();
  }

  /**
   * Makes the publication and the replication slot when they do not exist, without reading from the
   * slot, and returns its position: a reader started later on this slot (with a fresh offset
   * directory) delivers every change committed after this returned. Run it before a bulk copy that
   * a sync follows; a copy read after it reflects every transaction with a commit LSN up to the
   * position. It runs the checks of {@link #start} first, and waits up to {@link
   * Builder#startTimeout} for the transactions open on the source to end (a new slot starts at a
   * moment without one). Call it on a reader not started. MySQL and SQL Server: stores the log's
   * current end in the offset directory instead (when none is stored), which the reader started
   * later on that directory resumes from.
   *
   * @return the slot's {@code confirmed_flush_lsn}, or the stored start
   * @throws ChangeLogException when the change log cannot be read, or the slot is held by a
   *     consumer (a running sync must not overlap a copy)
   */
  public BigInteger prepare() {
    synchronized (lock) {
      if (engine != null) {
        throw new IllegalStateException("prepare() comes before start()");
      }
    }
    log.check();
    return log.takeStart(true);
  }

  /**
   * The slot's {@code confirmed_flush_lsn} (MySQL, SQL Server: the stored position): the reader
   * resumes from there; every change before it was confirmed (or committed before the start was
   * taken).
   *
   * @throws ChangeLogException when the slot does not exist or cannot be read
   */
  public BigInteger confirmedPosition() {
    return log.confirmedPosition();
  }

  /**
   * A position as the source writes it: an LSN {@code 0/3A1F2C8} (PostgreSQL), {@code binlog
   * 000012:4711} (MySQL), a commit LSN {@code 0000002a:00000468:0003} (SQL Server).
   */
  public String formatPosition(BigInteger position) {
    return log.format(position);
  }

  /** A log position as PostgreSQL writes it, e.g. {@code 0/3A1F2C8}. */
  public static String formatLsn(long lsn) {
    return PostgresSlot.formatLsn(lsn);
  }

  /**
   * Writes a marker into the change log and returns its token for {@link #reachedMarker}: a
   * logical-decoding message with the prefix {@code ticket_migration.<slot name>}, committed on a
   * connection of its own. The reader delivers it after every transaction that committed before
   * this call. Works whether or not the reader runs; only this reader run recognizes its tokens.
   *
   * @throws ChangeLogException when the source cannot be reached
   */
  public String emitMarker() {
    String token = session + ":" + markersEmitted.incrementAndGet();
    BigInteger at =
        log.onSource(
            "write a marker into the change log",
            connection -> log.emitMarker(connection, markerPrefix(), token));
    if (at != null) {
      synchronized (lock) {
        if (position != null && position.compareTo(at) >= 0 && pending.isEmpty()) {
          markersSeen.put(token, nextSequence - 1);
        } else {
          positionMarkers.put(token, new PositionMarker(at, System.nanoTime()));
        }
      }
    }
    return token;
  }

  /**
   * Whether the marker of {@code token} arrived and the batch it came with, and every batch
   * delivered before that, is confirmed: then every transaction committed before {@link
   * #emitMarker} was delivered and its keys rebuilt. Polling must go on meanwhile (the marker comes
   * in order, behind the batches before it); {@link #poll} reports a reader that stopped.
   */
  public boolean reachedMarker(String token) {
    Objects.requireNonNull(token, "token");
    nudgeIfOverdue(token);
    synchronized (lock) {
      Long sequence = markersSeen.get(token);
      if (sequence == null) {
        return false;
      }
      for (Pending p : pending) {
        if (p.sequence <= sequence && !p.confirmed) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A position marker not seen for a while: the log may be quiet right after it, and some
   * connectors only report a position with an event.
   */
  private void nudgeIfOverdue(String token) {
    PositionMarker marker;
    synchronized (lock) {
      marker = positionMarkers.get(token);
      if (marker == null
          || System.nanoTime() - marker.nudged < settings.heartbeatInterval().toNanos() + NUDGE) {
        return;
      }
      marker.nudged = System.nanoTime();
    }
    log.onSource(
        "move the change log on",
        connection -> {
          log.nudge(connection);
          return null;
        });
  }

  private String markerPrefix() {
    return "ticket_migration." + settings.slotName();
  }

  /**
   * The tables of {@link DirtyKey#BEFORE_IMAGE_TABLES} in the reader's schema whose {@code REPLICA
   * IDENTITY} is not {@code FULL}: an UPDATE of them carries no before image and a DELETE only the
   * key, so the old item key of a moved row is unknown. {@link #fullReplicaIdentityAdvice} words
   * the fix. Tables missing from the schema are not listed ({@link #start} names them).
   *
   * @throws ChangeLogException when the source cannot be read
   */
  public List<String> tablesWithoutFullReplicaIdentity() {
    return log.onSource(
        "read the replica identity of the tables in schema '" + log.schema() + "'",
        log::tablesWithoutFullImages);
  }

  /**
   * One line for the operator naming the statements that give {@code tables} (from {@link
   * #tablesWithoutFullReplicaIdentity}) of {@code schema} their before images.
   */
  public String fullImageAdvice(List<String> tables) {
    return log.fullImageAdvice(tables);
  }

  /**
   * The next batch of dirty keys, waiting up to {@code timeout} for one; {@code null} if none came.
   *
   * @throws ChangeLogException if the reader stopped on its own (the source went away, a change
   *     could not be read); the message says why
   */
  public ChangeBatch poll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (ready.isEmpty() && stopReason == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      if (!ready.isEmpty()) {
        return ready.poll();
      }
      if (closing) {
        return null;
      }
      throw new ChangeLogException(stopReason, stopCause);
    }
  }

  /**
   * Marks a batch's keys as rebuilt. Its position is stored, and acknowledged to the source, once
   * every batch delivered before it is confirmed too. A batch of an earlier reader run, or one
   * confirmed already, changes nothing.
   */
  public void confirm(ChangeBatch batch) {
    Objects.requireNonNull(batch, "batch");
    if (!session.equals(batch.session())) {
      LOG.debug("Ignoring the confirmation of batch {} of an earlier run", batch.sequence());
      return;
    }
    synchronized (lock) {
      for (Pending p : pending) {
        if (p.sequence == batch.sequence()) {
          p.confirmed = true;
          lock.notifyAll();
          return;
        }
      }
    }
  }

  /**
   * Stops reading. Confirmed positions are stored first (waiting up to two heartbeats for the
   * engine to take them); batches delivered but not confirmed will be delivered again by the next
   * reader on this slot and offset directory.
   */
  @Override
  public void close() {
    DebeziumEngine<RecordChangeEvent<SourceRecord>> running;
    boolean stoppedAlready;
    synchronized (lock) {
      running = engine;
      if (running != null && !closing) {
        awaitConfirmationsStored();
      }
      closing = true;
      lock.notifyAll();
      stoppedAlready = engineStopped;
    }
    if (running == null) {
      log.release();
      return;
    }
    try {
      if (!stoppedAlready) {
        running.close();
      }
    } catch (IllegalStateException e) {
      LOG.debug("The change log engine is stopping already: {}", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the change log engine", e);
    }
    try {
      executor.shutdown();
      if (!executor.awaitTermination(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("The change log engine of slot {} did not stop in time", settings.slotName());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    } finally {
      log.release();
    }
  }

  /**
   * Lets the engine's thread store the confirmed batches (it does with its next batch or heartbeat)
   * before the engine stops, so a graceful stop repeats nothing confirmed. Holds {@link #lock}.
   */
  private void awaitConfirmationsStored() {
    long deadline =
        System.nanoTime() + settings.heartbeatInterval().multipliedBy(2).plusSeconds(1).toNanos();
    try {
      while (stopReason == null && (storing || (!pending.isEmpty() && pending.peek().confirmed))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("Stopping before every confirmed change log position was stored");
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs on the engine's thread: one batch of Debezium records at a time, in log order. */
  private void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<DirtyKey> keys = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    BigInteger lastCommit = null;
    Set<Long> transactions = new TreeSet<>();
    for (RecordChangeEvent<SourceRecord> event : records) {
      SourceRecord record = event.record();
      Optional<DirtyKey> key = ChangeEvents.dirtyKey(record, fullImages, log::changePosition);
      if (key.isPresent()) {
        keys.add(key.get());
        ChangeEvents.source(record).map(log::transaction).ifPresent(transactions::add);
      }
      ChangeEvents.message(record, markerPrefix())
          .filter(token -> token.startsWith(session + ":")) // older runs' markers come again
          .ifPresent(markers::add);
      BigInteger commit = log.position(record);
      lastCommit = commit == null ? lastCommit : commit;
    }
    synchronized (lock) {
      // lsn_commit only grows within a run; max() also keeps a resumed offset's older value from
      // going below the slot's position read at start
      if (lastCommit != null && lastCommit.compareTo(position) > 0) {
        position = lastCommit;
      }
      Pending batch = new Pending(nextSequence++, records);
      // a batch without DMS_SAMPLE changes (heartbeats) needs no rebuild: confirmed at once, it
      // carries the position forward once the batches before it are confirmed
      batch.confirmed = keys.isEmpty();
      pending.add(batch);
      if (!keys.isEmpty()) {
        ready.add(
            new ChangeBatch(
                session, batch.sequence, keys, position, lastCommitTime(keys), transactions));
      }
      markers.forEach(token -> markersSeen.put(token, batch.sequence));
      BigInteger reached = position;
      positionMarkers
          .entrySet()
          .removeIf(
              marker -> {
                boolean seen = reached.compareTo(marker.getValue().position) >= 0;
                if (seen) {
                  markersSeen.put(marker.getKey(), batch.sequence);
                }
                return seen;
              });
      lock.notifyAll();
    }
    while (true) {
      List<RecordChangeEvent<SourceRecord>> done = new ArrayList<>();
      boolean full;
      synchronized (lock) {
        while (!pending.isEmpty() && pending.peek().confirmed) {
          done.addAll(pending.poll().records);
        }
        full = !closing && pending.size() >= settings.maxBatchesInFlight();
        if (done.isEmpty() && full) {
          lock.wait();
          continue;
        }
        storing = !done.isEmpty();
      }
      try {
        for (RecordChangeEvent<SourceRecord> record : done) {
          committer.markProcessed(record);
        }
        committer.markBatchFinished();
      } finally {
        synchronized (lock) {
          storing = false;
          lock.notifyAll();
        }
      }
      if (!full) {
        return;
      }
    }
  }

  private static Instant lastCommitTime(List<DirtyKey> keys) {
    Optional<Instant> latest = keys.stream().map(DirtyKey::commitTime).max(Instant::compareTo);
    return latest.orElseThrow();
  }

  private void awaitStart() {
    try {
      boolean signalled = started.await(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      throwIfStopped();
      if (signalled && !log.awaitStreaming(this::stopped)) {
        signalled = false;
      }
      throwIfStopped();
      if (!signalled) {
        close();
        throw new ChangeLogException(
            "the change log reader did not start within "
                + settings.startTimeout().toSeconds()
                + " s ("
                + settings.slotName()
                + " at "
                + settings.address()
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ChangeLogException("interrupted while starting the change log reader", e);
    }
  }

  private void throwIfStopped() {
    ChangeLogException failure;
    synchronized (lock) {
      failure = stopReason == null ? null : new ChangeLogException(stopReason, stopCause);
    }
    if (failure != null) {
      close();
      throw failure;
    }
  }

  private boolean stopped() {
    synchronized (lock) {
      return stopReason != null;
    }
  }

  private void engineFinished(boolean success, String message, Throwable error) {
    synchronized (lock) {
      engineStopped = true;
      if (!closing || error != null) {
        stopReason = stopMessage(message, error);
        stopCause = error;
      }
      if (closing && error == null) {
        stopReason = "the change log reader was closed";
      }
      lock.notifyAll();
    }
    if (error != null && !closing) {
      LOG.error(
          "The change log reader of slot {} stopped: {}", settings.slotName(), message, error);
    }
    started.countDown();
  }

  private String stopMessage(String message, Throwable error) {
    Throwable root = error;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      if (root instanceof ChangeLogException) {
        return root.getMessage();
      }
      root = root.getCause();
    }
    if (root instanceof ChangeLogException) {
      return root.getMessage();
    }
    String detail = root == null ? message : root.getMessage();
    if (detail != null && detail.contains("is active for PID")) {
      return "replication slot '"
          + settings.slotName()
          + "' is in use by another consumer: stop that consumer first, or choose another slot"
          + " name ("
          + detail
          + ")";
    }
    return "the change log reader of slot "
        + settings.slotName()
        + " at "
        + settings.address()
        + " stopped: "
        + (detail == null ? "no reason given" : detail);
  }

  private Properties engineProperties() {
    Properties props = new Properties();
    props.setProperty("name", "ticket-migration-" + settings.slotName());
    props.setProperty("topic.prefix", settings.slotName());
    props.setProperty("offset.storage", AtomicFileOffsetStore.class.getName());
    props.setProperty(AtomicFileOffsetStore.FILE_SETTING, settings.offsetFile().toString());
    // every confirmed batch is stored at once (the position is what a restart resumes from)
    props.setProperty("offset.flush.interval.ms", "0");
    props.setProperty("offset.flush.timeout.ms", "10000");
    props.setProperty("errors.max.retries", "3");
    props.setProperty("database.hostname", settings.address().host());
    props.setProperty("database.port", Integer.toString(settings.address().port()));
    props.setProperty("database.user", settings.user());
    props.setProperty("database.password", settings.password());
    props.setProperty("table.include.list", log.tableIncludeList());
    props.setProperty("tombstones.on.delete", "false");
    props.setProperty("skipped.operations", "none");
    props.setProperty("decimal.handling.mode", "string");
    // only this reader's markers (pgoutput streams messages: Debezium asks for them on PostgreSQL
    // 14 and later, PgOutputMessageDecoder.defaultOptions); other prefixes are dropped unread
    props.setProperty("message.prefix.include.list", markerPrefix().replace(".", "\\."));
    props.setProperty("max.batch.size", Integer.toString(settings.maxBatchSize()));
    props.setProperty("max.queue.size", Integer.toString(settings.maxBatchSize() * 4));
    props.setProperty(
        "heartbeat.interval.ms", Long.toString(settings.heartbeatInterval().toMillis()));
    log.connectorProperties(props);
    return props;
  }

  /** A marker that is a position: seen once a batch reaches it. */
  private static final class PositionMarker {
    final BigInteger position;
    long nudged;

    PositionMarker(BigInteger position, long emitted) {
      this.position = position;
      this.nudged = emitted;
    }
  }

  /** Signals the start once the connector's task holds its slot. */
  private final class Callbacks implements DebeziumEngine.ConnectorCallback {
    @Override
    public void taskStarted() {
      started.countDown();
    }
  }

  private static final class Pending {
    final long sequence;
    final List<RecordChangeEvent<SourceRecord>> records;
    boolean confirmed;

    Pending(long sequence, List<RecordChangeEvent<SourceRecord>> records) {
      this.sequence = sequence;
      this.records = records;
    }
  }

  /** The reader's settings, checked by {@link Builder#build}. */
  record Settings(
      SourceAddress address,
      String user,
      String password,
      String schema,
      String slotName,
      String publicationName,
      Path offsetDirectory,
      int maxBatchSize,
      int maxBatchesInFlight,
      Duration heartbeatInterval,
      Duration slotWaitTimeout,
      Duration startTimeout) {

    Path offsetFile() {
      return offsetDirectory.resolve(slotName + ".offsets");
    }

    @Override
    public String toString() {
      return "ChangeLogReader.Settings[" + address + ", user " + user + ", slot " + slotName + "]";
    }
  }

  /** Configures a {@link ChangeLogReader}; only the URL and the offset directory are required. */
  public static final class Builder {
    private String jdbcUrl;
    private String user = "postgres";
    private String password = "";
    private String schema;
    private String slotName = "ticket_migration";
    private String publicationName = "ticket_migration";
    private Path offsetDirectory;
    private int maxBatchSize = 2048;
    private int maxBatchesInFlight = 4;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private Duration slotWaitTimeout = Duration.ofSeconds(10);
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * The source: {@code jdbc:postgresql://host[:port]/database}, {@code
     * jdbc:mariadb://host[:port]/database} (or {@code jdbc:mysql:}) for MySQL, {@code
     * jdbc:sqlserver://host[:port];databaseName=database}. Other URL parameters are ignored.
     */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      return this;
    }

    /** A user with the REPLICATION privilege (default {@code postgres}). */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The schema holding the DMS_SAMPLE tables (default: {@code public} on PostgreSQL, the URL's
     * database on MySQL, {@code dbo} on SQL Server).
     */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * The replication slot (default {@code ticket_migration}): lower-case letters, digits and
     * {@code _}. It keeps the source's log from the first start on; drop it when the sync is over.
     */
    public Builder slotName(String slotName) {
      this.slotName = Objects.requireNonNull(slotName, "slotName");
      return this;
    }

    /** The publication of the DMS_SAMPLE tables (default {@code ticket_migration}). */
    public Builder publicationName(String publicationName) {
      this.publicationName = Objects.requireNonNull(publicationName, "publicationName");
      return this;
    }

    /** The folder where the read position is stored; a reader started on it again resumes. */
    public Builder offsetDirectory(Path offsetDirectory) {
      this.offsetDirectory = Objects.requireNonNull(offsetDirectory, "offsetDirectory");
      return this;
    }

    /** At most this many changes per batch (default 2048). */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /** At most this many batches wait for {@link #confirm} before reading pauses (default 4). */
    public Builder maxBatchesInFlight(int maxBatchesInFlight) {
      this.maxBatchesInFlight = maxBatchesInFlight;
      return this;
    }

    /**
     * How often the position moves on while no DMS_SAMPLE table changes (default 10 s); confirmed
     * positions also reach the slot at these beats when the log is quiet.
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
      return this;
    }

    /** How long to wait for a slot another consumer still holds, e.g. one just killed (10 s). */
    public Builder slotWaitTimeout(Duration slotWaitTimeout) {
      this.slotWaitTimeout = Objects.requireNonNull(slotWaitTimeout, "slotWaitTimeout");
      return this;
    }

    /** How long {@link #start} waits for the connector (default 60 s). */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    public ChangeLogReader build() {
      if (jdbcUrl == null) {
        throw new IllegalStateException("jdbcUrl(...) is required: the source to follow");
      }
      if (offsetDirectory == null) {
        throw new IllegalStateException(
            "offsetDirectory(...) is required: the folder where the read position survives"
                + " restarts");
      }
      for (String[] name :
          new String[][] {{"slotName", slotName}, {"publicationName", publicationName}}) {
        if (!SLOT_NAME.matcher(name[1]).matches()) {
          throw new IllegalArgumentException(
              name[0]
                  + " '"
                  + name[1]
                  + "' must be 1 to 63 lower-case letters, digits or underscores");
        }
      }
      if (schema != null) {
        SqlIdentifier.require(schema, "schema");
      }
      if (maxBatchSize < 1 || maxBatchesInFlight < 1) {
        throw new IllegalArgumentException(
            "maxBatchSize and maxBatchesInFlight must be at least 1");
      }
      if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
        throw new IllegalArgumentException("heartbeatInterval must be positive");
      }
      return new ChangeLogReader(
          new Settings(
              SourceAddress.parse(jdbcUrl),
              user,
              password,
              schema,
              slotName,
              publicationName,
              offsetDirectory,
              maxBatchSize,
              maxBatchesInFlight,
              heartbeatInterval,
              slotWaitTimeout,
              startTimeout));
    }
  }
}
