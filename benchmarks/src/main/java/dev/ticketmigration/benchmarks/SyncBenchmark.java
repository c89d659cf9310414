package dev.ticketmigration.benchmarks;

import dev.ticketmigration.changelog.PrivatePostgres;
import dev.ticketmigration.changelog.TicketWorkload;
import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.GenerationResult;
import dev.ticketmigration.testdata.SourceSchema;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The sync's benchmark: the highest sustained change rate {@code --mode=SYNC} keeps up with (lag
 * bounded) on this machine against dynalite, and its lag at a steady workload, each as a ratio to
 * the rate the workload commits at, side by side in one run.
 *
 * <ol>
 *   <li>Starts a private PostgreSQL with {@code wal_level=logical} and an in-memory dynalite,
 *       generates DMS_SAMPLE data, sets REPLICA IDENTITY FULL where the sync needs it.
 *   <li>Copies it with {@code --mode=MIGRATE --syncSlot=...} (the slot is taken first), then starts
 *       {@code --mode=SYNC} in a child JVM (DirectRunner) and keeps its one-second progress lines.
 *   <li>Runs the ticketing workload (sales and transfers by the SPEC's rules from several
 *       connections) at rising target commit rates, a step each, and measures per step the commits
 *       per second, the changes per second the sync applied, and the lag its lines report. Stops at
 *       the first step whose lag is not bounded.
 *   <li>Runs a steady workload at half the highest bounded rate, stops the sync, lets a {@code
 *       --stopWhenCaughtUp=true} sync finish the backlog and checks the tables with {@code
 *       --mode=VERIFY}.
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/ticket-migration-benchmarks.jar \
 *   dev.ticketmigration.benchmarks.SyncBenchmark
 * </pre>
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  static final String USAGE =
      """
      usage: java -cp benchmarks/target/ticket-migration-benchmarks.jar \\
               dev.ticketmigration.benchmarks.SyncBenchmark [options]
        --tickets 10k              tickets generated (approximate, the generator's sizing)
        --rates 20,40,65,90,125,175,250,350,500,700,1000
                                   target commit rates of the steps (commits/s, all connections
                                   together, ~1.4× apart above 40); stepping stops at the first
                                   step whose lag is not bounded
        --stepSeconds 25           measured seconds per step (after the warm-up)
        --warmupSeconds 5          seconds of each step's workload before measuring
        --steadySeconds 40         measured seconds of the steady workload (0: none)
        --idleSeconds 10           first a window without workload, the probe alone (0: none)
        --steadyPercent 50         its rate, in percent of the sustained rate
        --ratePerConnection 50     commits/s cap of one workload connection; a step opens
                                   ceil(rate / cap) connections (at most --maxConnections)
        --maxConnections 16
        --maxLagMillis 5000        bounded: lag p99 below this, and the median lag of the step's
        --lagGrowthMillis 1000     last third at most this above its first third's
        --drainSeconds 120         after a step, wait at most this for the sync to catch up
        --syncLanes N              the sync's --syncLanes (default: the tool's)
        --syncJvmFlags "..."       extra JVM flags of the following sync's child (space
                                   separated), e.g. -XX:StartFlightRecording=...
        --childJvmFlags "..."      extra JVM flags of the other children (copy, final sync,
                                   verify), e.g. -XX:TieredStopAtLevel=1 for short runs
        --probeMillis 1000         the end-to-end probe: every this often one person row is
                                   renamed and its item watched for in DynamoDB (0: no probe)
        --heap 1g                  -Xmx of the tool's child JVMs
        --seed 42                  generator seed
        --toolClasspath CP         class path of the tool's child JVMs (default: this JVM's; the
                                   direct bundle works too)
        --verify=false             skip the final --mode=VERIFY
        --workDir benchmarks/target/sync-bench   child logs, run reports, state
        --out FILE                 Markdown results (default <workDir>/sync-results.md); an
                                   existing file gets them between its sync result markers
        --verbose                  echo the children's output
      """;

  static final String BEGIN = "<!-- sync-benchmark-results:begin -->";
  static final String END = "<!-- sync-benchmark-results:end -->";

  private static final String SCHEMA = "sync_bench";
  private static final String PREFIX = "sync_";

  /** "8,507 rows read (187 rows/s), ..., 4,579 changes applied (80 changes/s), lag 0.5 s". */
  private static final Pattern APPLIED = Pattern.compile("([\\d,]+) changes applied");

  private static final Pattern LAG = Pattern.compile(", lag (\\d+(?:\\.\\d+)?) s");
  private static final Pattern CAUGHT_UP_LAG =
      Pattern.compile("Lag when applied: p50 ([\\d.]+) s, p99 ([\\d.]+) s");

  /** One progress line of the sync: when it arrived, changes applied so far, lag (s; -1: none). */
  record Progress(long nanos, long applied, double lag, boolean following) {}

  /** One workload step, measured over its window (after the warm-up). */
  record Step(
      String label,
      long targetRate,
      int connections,
      int perConnection,
      double seconds,
      long commits,
      double commitRate,
      double rowsPerCommit,
      long applied,
      double applyRate,
      List<Double> lags,
      List<Double> probeLags,
      double lagFirstThird,
      double lagLastThird,
      boolean bounded,
      String verdict,
      CpuSampler.Usage cpu,
      double benchmarkCores,
      double drainSeconds) {
    /** Sync changes per second ÷ workload commits per second. */
    double changesPerCommit() {
      return commitRate > 0 ? applyRate / commitRate : Double.NaN;
    }

    /** The same ÷ the rows the source changed per commit: 1.0 when the sync keeps up. */
    double keptUp() {
      return rowsPerCommit > 0 ? changesPerCommit() / rowsPerCommit : Double.NaN;
    }

    double lagPercentile(double p) {
      return percentile(lags, p);
    }

    double probePercentile(double p) {
      return percentile(probeLags, p);
    }

    /** Cores of every other process: the machine minus dynalite, sync, PostgreSQL, benchmark. */
    double otherCores() {
      return Math.max(0, cpu.others() - benchmarkCores);
    }
  }

  /** What a run measured; the smoke test checks it. */
  record Outcome(
      Step idle,
      List<Step> steps,
      Step sustained,
      Step steady,
      long appliedTotal,
      int catchUpExit,
      double catchUpSeconds,
      String catchUpLag,
      int verifyExit,
      String markdown) {}

  /** The sync child's progress, parsed as its lines arrive. */
  private static final class SyncLines {
    private final List<Progress> lines = Collections.synchronizedList(new ArrayList<>());

    void accept(String text) {
      if (!text.startsWith("progress [")) {
        return;
      }
      long now = System.nanoTime();
      Matcher a = APPLIED.matcher(text);
      long applied = a.find() ? Long.parseLong(a.group(1).replace(",", "")) : 0;
      Matcher l = LAG.matcher(text);
      double lag = l.find() ? Double.parseDouble(l.group(1)) : -1;
      lines.add(new Progress(now, applied, lag, text.startsWith("progress [following]")));
    }

    List<Progress> snapshot() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    /** The last line at or before {@code nanos}, or null. */
    Progress at(long nanos) {
      Progress last = null;
      for (Progress p : snapshot()) {
        if (p.nanos() <= nanos) {
          last = p;
        }
      }
      return last;
    }
  }

  /** The following sync, killed if the benchmark itself is stopped. */
  private static volatile Process syncChild;

  /** The copy, final sync or verify running now, killed likewise. */
  private static volatile Process otherChild;

  public static void main(String[] argv) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (Arrays.asList(argv).contains("--help")) {
      System.out.print(USAGE);
      return;
    }
    Outcome outcome = run(argv, System.out);
    if (outcome.catchUpExit() != 0 || outcome.verifyExit() > 0) {
      System.exit(1);
    }
  }

  static Outcome run(String[] argv, PrintStream log) throws Exception {
    Args args = new Args(argv);
    long tickets = args.number("tickets", 10_000);
    List<Long> rates = args.numbers("rates", "20,40,65,90,125,175,250,350,500,700,1000");
    long stepSeconds = args.number("stepSeconds", 25);
    long warmupSeconds = args.number("warmupSeconds", 5);
    long steadySeconds = args.number("steadySeconds", 40);
    long idleSeconds = args.number("idleSeconds", 10);
    long steadyPercent = args.number("steadyPercent", 50);
    long perConnectionCap = args.number("ratePerConnection", 50);
    long maxConnections = args.number("maxConnections", 16);
    double maxLag = args.number("maxLagMillis", 5_000) / 1000.0;
    double lagGrowth = args.number("lagGrowthMillis", 1_000) / 1000.0;
    long drainSeconds = args.number("drainSeconds", 120);
    long lanes = args.number("syncLanes", 0);
    String syncJvmFlags = args.string("syncJvmFlags", "");
    String childJvmFlags = args.string("childJvmFlags", "");
    long probeMillis = args.number("probeMillis", 1_000);
    String heap = args.string("heap", "1g");
    long seed = args.number("seed", 42);
    // absolute: the children run in the work folder
    String toolClasspath = absolute(args.string("toolClasspath", Benchmark.ownClassPath()));
    boolean verify = args.flag("verify", true);
    boolean verbose = args.flag("verbose", false);
    Path workDir = Path.of(args.string("workDir", "benchmarks/target/sync-bench")).toAbsolutePath();
    Path out = Path.of(args.string("out", workDir.resolve("sync-results.md").toString()));
    args.requireAllUsed();
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("--rates: at least one rate");
    }

    Files.createDirectories(workDir);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Process p : Arrays.asList(syncChild, otherChild)) {
                    if (p != null) {
                      p.descendants().forEach(ProcessHandle::destroyForcibly);
                      p.destroyForcibly();
                    }
                  }
                },
                "stop-sync"));
    String command =
        "java -cp benchmarks/target/ticket-migration-benchmarks.jar "
            + SyncBenchmark.class.getName()
            + (argv.length == 0 ? "" : " " + String.join(" ", argv));
    String started =
        LocalDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .substring(0, 16);
    long t0 = System.nanoTime();

    try (PrivatePostgres pg = PrivatePostgres.start();
        LocalDynamo dynamo = LocalDynamo.start();
        CpuSampler cpu = new CpuSampler(dynamo.pid(), 250)) {
      String machine =
          Machine.describe(
              new Benchmark.Settings(
                  pg.jdbcUrl(),
                  "postgres",
                  heap,
                  250,
                  0,
                  false,
                  false,
                  0,
                  List.of(),
                  Benchmark.TargetStore.MEMORY));
      log.println("Sync benchmark " + started + "\n" + machine);
      log.printf(
          "Private PostgreSQL on port %d (wal_level=logical), dynalite at %s%n",
          pg.port(), dynamo.endpoint());

      // the source
      String source = generate(pg, tickets, seed, log);
      long probeId = Probe.insertPerson(pg);

      List<String> java = new ArrayList<>();
      java.add(Benchmark.javaExecutable());
      java.add("-Xmx" + heap);
      java.add("-cp");
      java.add(toolClasspath);
      java.add("dev.ticketmigration.pipelines.Migrate");
      // the copy, the final sync and the verify: not measured, may run with other flags
      List<String> shortJava = new ArrayList<>(java);
      if (!childJvmFlags.isBlank()) {
        shortJava.addAll(1, List.of(childJvmFlags.trim().split("\\s+")));
      }
      List<String> common =
          new ArrayList<>(
              List.of(
                  "--runner=DirectRunner",
                  "--sourceUrl=" + pg.jdbcUrl(),
                  "--sourceUser=postgres",
                  "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                  "--sourceSchema=" + SCHEMA,
                  "--dynamoEndpoint=" + dynamo.endpoint(),
                  "--dynamoLocal=true",
                  "--tablePrefix=" + PREFIX,
                  "--syncSlot=" + SCHEMA + "_slot",
                  "--syncPublication=" + SCHEMA + "_pub",
                  "--syncStateDir=" + workDir.resolve("sync-state"),
                  "--progressIntervalSeconds=1"));
      if (lanes > 0) {
        common.add("--syncLanes=" + lanes);
      }

      // the copy, the slot taken first
      ChildRun.Outcome copy =
          child(
              shortJava,
              common,
              workDir,
              "migrate",
              verbose,
              log,
              "--mode=MIGRATE",
              "--force=true");
      if (copy.exitCode() != 0) {
        throw new IllegalStateException(
            "the copy (--mode=MIGRATE) failed with exit " + copy.exitCode() + ": " + copy.log());
      }
      log.printf("Copy (--mode=MIGRATE, slot taken first): %.1f s%n", copy.seconds());

      // the sync, until stopped
      SyncLines lines = new SyncLines();
      AtomicReference<ChildRun.Outcome> syncOutcome = new AtomicReference<>();
      AtomicReference<Exception> syncFailure = new AtomicReference<>();
      List<String> syncCommand = new ArrayList<>(java);
      if (!syncJvmFlags.isBlank()) {
        syncCommand.addAll(1, List.of(syncJvmFlags.trim().split("\\s+")));
      }
      syncCommand.addAll(common);
      syncCommand.addAll(
          List.of(
              "--mode=SYNC",
              "--deadLetterDir=" + workDir.resolve("sync-dead-letters"),
              "--reportPath=" + workDir.resolve("sync-report.json")));
      Thread syncThread =
          new Thread(
              () -> {
                try {
                  syncOutcome.set(
                      ChildRun.run(
                          syncCommand,
                          workDir,
                          Map.of(),
                          workDir.resolve("sync.log"),
                          TimeUnit.HOURS.toSeconds(6),
                          p -> {
                            syncChild = p;
                            cpu.contender(p.pid(), true);
                          },
                          line -> {
                            lines.accept(line);
                            if (verbose) {
                              log.println("  sync | " + line);
                            }
                          }));
                } catch (Exception e) {
                  syncFailure.set(e);
                }
              },
              "sync-child");
      syncThread.setDaemon(true);
      syncThread.start();
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (lines.snapshot().isEmpty()) {
        if (syncOutcome.get() != null || syncFailure.get() != null) {
          throw new IllegalStateException(
              "the sync ended before its first progress line: " + workDir.resolve("sync.log"));
        }
        if (System.nanoTime() > waitUntil) {
          throw new IllegalStateException(
              "no progress line from the sync in 180 s: " + workDir.resolve("sync.log"));
        }
        Thread.sleep(100);
      }
      log.println("Sync following (--mode=SYNC, DirectRunner child); stepping the workload:");

      Stepper stepper =
          new Stepper(
              pg,
              cpu,
              lines,
              () -> syncOutcome.get() == null,
              warmupSeconds,
              perConnectionCap,
              maxConnections,
              maxLag,
              lagGrowth,
              drainSeconds,
              dynamo.endpoint(),
              probeId,
              probeMillis);
      Step idle = null;
      if (idleSeconds > 0) {
        idle = stepper.run("idle", 0, idleSeconds);
        line(log, idle);
      }
      List<Step> steps = new ArrayList<>();
      Step best = null;
      for (long rate : rates) {
        Step step = stepper.run("ramp", rate, stepSeconds);
        steps.add(step);
        line(log, step);
        if (!step.bounded()) {
          break;
        }
        best = step;
        if (step.commitRate() < 0.7 * step.targetRate()) {
          log.println(
              "  the workload committed well below its target: this machine commits no faster"
                  + " with it; stepping ends here");
          break;
        }
      }
      Step steady = null;
      if (best != null && steadySeconds > 0 && syncOutcome.get() == null) {
        long rate = Math.max(1, Math.round(best.commitRate() * steadyPercent / 100.0));
        steady = stepper.run("steady", rate, steadySeconds);
        line(log, steady);
      }

      // stop the following sync; a sync that stops when caught up takes over the rest
      Process p = syncChild;
      if (p != null) {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          ChildRun.kill(p);
        }
      }
      syncThread.join(30_000);
      syncChild = null;
      List<Progress> all = lines.snapshot();
      long appliedTotal = all.isEmpty() ? 0 : all.get(all.size() - 1).applied();

      ChildRun.Outcome catchUp =
          child(
              shortJava,
              common,
              workDir,
              "catch-up",
              verbose,
              log,
              "--mode=SYNC",
              "--stopWhenCaughtUp=true",
              "--deadLetterDir=" + workDir.resolve("sync-dead-letters"),
              "--reportPath=" + workDir.resolve("catch-up-report.json"));
      String catchUpLag = "";
      for (ChildRun.Line l : catchUp.lines()) {
        Matcher m = CAUGHT_UP_LAG.matcher(l.text());
        if (m.find()) {
          catchUpLag = "p50 " + m.group(1) + " s, p99 " + m.group(2) + " s";
        }
      }
      log.printf(
          "Final sync with --stopWhenCaughtUp=true: exit %d in %.1f s%s%n",
          catchUp.exitCode(),
          catchUp.seconds(),
          catchUpLag.isEmpty() ? "" : " (lag when applied " + catchUpLag + ")");
      int verifyExit = -1;
      double verifySeconds = 0;
      if (verify) {
        ChildRun.Outcome v =
            child(
                shortJava,
                common,
                workDir,
                "verify",
                verbose,
                log,
                "--mode=VERIFY",
                "--verifyOutputDir=" + workDir.resolve("verify"),
                "--reportPath=" + workDir.resolve("verify-report.json"));
        verifyExit = v.exitCode();
        verifySeconds = v.seconds();
        log.printf("Verify (--mode=VERIFY): exit %d in %.1f s%n", verifyExit, verifySeconds);
      }

      String markdown =
          markdown(
              started,
              command,
              machine,
              source,
              heap,
              lanes,
              perConnectionCap,
              maxConnections,
              maxLag,
              lagGrowth,
              warmupSeconds,
              probeMillis,
              idle,
              steps,
              best,
              steady,
              copy.seconds(),
              catchUp,
              catchUpLag,
              verifyExit,
              verifySeconds,
              (System.nanoTime() - t0) / 1e9);
      log.println();
      log.println(markdown);
      Report.write(out, markdown, BEGIN, END);
      log.println("Results written to " + out);
      return new Outcome(
          idle,
          steps,
          best,
          steady,
          appliedTotal,
          catchUp.exitCode(),
          catchUp.seconds(),
          catchUpLag,
          verifyExit,
          markdown);
    } finally {
      Process p = syncChild;
      if (p != null) {
        ChildRun.kill(p);
        syncChild = null;
      }
    }
  }

  /** Generates the source and readies it to be followed; returns a line describing it. */
  private static String generate(PrivatePostgres pg, long tickets, long seed, PrintStream log)
      throws SQLException {
    try (Connection c =
        DriverManager.getConnection(pg.jdbcUrl() + "?reWriteBatchedInserts=true", "postgres", "")) {
      SourceSchema.create(c, Dialect.POSTGRESQL, SCHEMA);
      GenerationResult result =
          DataGenerator.forTickets(tickets, seed).generate(c, Dialect.POSTGRESQL, SCHEMA);
      log.print(result.summary());
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        // the four tables whose item keys use non-key columns (docs/operations.md)
        for (String table : List.of("sport_league", "sport_team", "player", "sporting_event")) {
          s.execute("ALTER TABLE " + SCHEMA + "." + table + " REPLICA IDENTITY FULL");
        }
        s.execute("VACUUM ANALYZE");
      }
      long ticketRows = single(c, "SELECT count(*) FROM " + SCHEMA + ".sporting_event_ticket");
      long history = single(c, "SELECT count(*) FROM " + SCHEMA + ".ticket_purchase_hist");
      return Benchmark.fmt(
          "%,d tickets and %,d purchase-history rows (generator seed %d)",
          ticketRows, history, seed);
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ChildRun.Outcome child(
      List<String> java,
      List<String> common,
      Path workDir,
      String name,
      boolean verbose,
      PrintStream log,
      String... extra)
      throws Exception {
    List<String> command = new ArrayList<>(java);
    command.addAll(common);
    command.add("--deadLetterDir=" + workDir.resolve(name + "-dead-letters"));
    command.add("--reportPath=" + workDir.resolve(name + "-report.json"));
    for (String option : extra) {
      String prefix = option.substring(0, option.indexOf('=') + 1);
      command.removeIf(a -> a.startsWith(prefix));
      command.add(option);
    }
    return ChildRun.run(
        command,
        workDir,
        Map.of(),
        workDir.resolve(name + ".log"),
        TimeUnit.MINUTES.toSeconds(15),
        p -> otherChild = p,
        line -> {
          if (verbose) {
            log.println("  " + name + " | " + line);
          }
        });
  }

  /** Runs workload steps against the running sync. */
  private static final class Stepper {
    private final PrivatePostgres pg;
    private final CpuSampler cpu;
    private final SyncLines lines;
    private final java.util.function.BooleanSupplier syncAlive;
    private final long warmupSeconds;
    private final long perConnectionCap;
    private final long maxConnections;
    private final double maxLag;
    private final double lagGrowth;
    private final long drainSeconds;
    private final String endpoint;
    private final long probeId;
    private final long probeMillis;

    Stepper(
        PrivatePostgres pg,
        CpuSampler cpu,
        SyncLines lines,
        java.util.function.BooleanSupplier syncAlive,
        long warmupSeconds,
        long perConnectionCap,
        long maxConnections,
        double maxLag,
        double lagGrowth,
        long drainSeconds,
        String endpoint,
        long probeId,
        long probeMillis) {
      this.pg = pg;
      this.cpu = cpu;
      this.lines = lines;
      this.syncAlive = syncAlive;
      this.warmupSeconds = warmupSeconds;
      this.perConnectionCap = perConnectionCap;
      this.maxConnections = maxConnections;
      this.maxLag = maxLag;
      this.lagGrowth = lagGrowth;
      this.drainSeconds = drainSeconds;
      this.endpoint = endpoint;
      this.probeId = probeId;
      this.probeMillis = probeMillis;
    }

    Step run(String label, long rate, long seconds) throws Exception {
      // rate 0: no workload, the probe alone (the sync's cost when idle)
      int connections =
          rate <= 0
              ? 0
              : (int) Math.max(1, Math.min(maxConnections, ceilDiv(rate, perConnectionCap)));
      int perConnection = connections == 0 ? 0 : (int) Math.max(1, ceilDiv(rate, connections));
      long rowsBefore = rowChanges();
      TicketWorkload workload =
          connections == 0
              ? null
              : new TicketWorkload(pg.jdbcUrl(), SCHEMA, perConnection).start(connections);
      Probe probe = probeMillis > 0 ? new Probe(pg, endpoint, probeId, probeMillis) : null;
      long from;
      long to;
      long commitsFrom;
      long commitsTo;
      long ownFrom;
      long ownTo;
      long stopped;
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        cpu.mark();
        ownFrom = ownCpuNanos();
        from = System.nanoTime();
        commitsFrom = committed(workload) + (probe == null ? 0 : probe.commits());
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        to = System.nanoTime();
        ownTo = ownCpuNanos();
        commitsTo = committed(workload) + (probe == null ? 0 : probe.commits());
        cpu.mark();
      } finally {
        try {
          if (workload != null) {
            workload.stop();
          }
        } finally {
          if (probe != null) {
            probe.close();
          }
          stopped = System.nanoTime();
        }
      }
      long commitsAll = committed(workload) + (probe == null ? 0 : probe.commits());
      // the workers' statistics reach pg_stat when their sessions end
      Thread.sleep(1_000);
      long rowsAll = rowChanges() - rowsBefore;

      // the sync's lines over the window: changes applied and lag
      Progress first = lines.at(from);
      Progress last = lines.at(to);
      long applied = 0;
      double applyRate = 0;
      if (first != null && last != null && last.nanos() > first.nanos()) {
        applied = last.applied() - first.applied();
        applyRate = applied / ((last.nanos() - first.nanos()) / 1e9);
      }
      List<Double> lags = new ArrayList<>();
      for (Progress p : lines.snapshot()) {
        if (p.nanos() > from && p.nanos() <= to && p.lag() >= 0) {
          lags.add(p.lag());
        }
      }
      List<Double> probeLags = probe == null ? List.of() : probe.lags(from, to);
      int third = lags.size() / 3;
      double firstThird = third > 0 ? percentile(lags.subList(0, third), 50) : percentile(lags, 50);
      double lastThird =
          third > 0
              ? percentile(lags.subList(lags.size() - third, lags.size()), 50)
              : percentile(lags, 50);
      double p99 = percentile(lags, 99);
      double probeP99 = percentile(probeLags, 99);
      boolean alive = syncAlive.getAsBoolean();
      String verdict;
      boolean bounded;
      if (!alive) {
        bounded = false;
        verdict = "the sync stopped";
      } else if (lags.isEmpty()) {
        bounded = false;
        verdict = "no progress line in the window";
      } else if (p99 > maxLag) {
        bounded = false;
        verdict = Benchmark.fmt("no: lag p99 %.1f s > %.1f s", p99, maxLag);
      } else if (probeP99 > maxLag) {
        bounded = false;
        verdict = Benchmark.fmt("no: probe p99 %.1f s > %.1f s", probeP99, maxLag);
      } else if (probe != null && probeLags.isEmpty()) {
        bounded = false;
        verdict = "no: no probe came through in the window";
      } else if (lastThird > firstThird + lagGrowth) {
        bounded = false;
        verdict = Benchmark.fmt("no: lag grows (%.1f → %.1f s)", firstThird, lastThird);
      } else {
        bounded = true;
        verdict = "yes";
      }

      // caught up again: two lines in a row with nothing applied and lag 0
      double drained = Double.NaN;
      if (alive) {
        long deadline = stopped + TimeUnit.SECONDS.toNanos(drainSeconds);
        while (System.nanoTime() < deadline && syncAlive.getAsBoolean()) {
          Progress previous = null;
          for (Progress p : lines.snapshot()) {
            if (p.nanos() <= stopped) {
              continue;
            }
            if (previous != null
                && previous.following()
                && p.following()
                && previous.lag() == 0
                && p.lag() == 0) {
              drained = (previous.nanos() - stopped) / 1e9;
              break;
            }
            previous = p;
          }
          if (!Double.isNaN(drained)) {
            break;
          }
          Thread.sleep(250);
        }
        if (Double.isNaN(drained) && bounded) {
          bounded = false;
          verdict = "no: not caught up " + drainSeconds + " s after the step";
        }
      }
      return new Step(
          label,
          (long) connections * perConnection,
          connections,
          perConnection,
          (to - from) / 1e9,
          commitsTo - commitsFrom,
          (commitsTo - commitsFrom) / ((to - from) / 1e9),
          commitsAll > 0 ? (double) rowsAll / commitsAll : Double.NaN,
          applied,
          applyRate,
          lags,
          probeLags,
          firstThird,
          lastThird,
          bounded,
          verdict,
          cpu.usage(from, to),
          (ownTo - ownFrom) / (double) (to - from),
          drained);
    }

    /** CPU time of this JVM (the workload's and the probe's threads, mostly). */
    private static long ownCpuNanos() {
      return ProcessHandle.current()
          .info()
          .totalCpuDuration()
          .map(java.time.Duration::toNanos)
          .orElse(0L);
    }

    private static long committed(TicketWorkload workload) {
      return workload == null ? 0 : workload.committed();
    }

    /** Rows inserted, updated and deleted in the source schema so far (pg_stat). */
    private long rowChanges() throws SQLException {
      try (Connection c = pg.connect();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                      + " FROM pg_stat_user_tables WHERE schemaname = ?")) {
        s.setString(1, SCHEMA);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
  }

  /**
   * The end-to-end lag, measured outside the tool: every interval one person row of the source is
   * renamed (one autocommitted UPDATE), and its config item is read back from DynamoDB (consistent
   * GetItem every 20 ms) until it carries the new name: the time from before the UPDATE was sent to
   * the read that saw it. One probe is in flight at a time.
   */
  static final class Probe implements AutoCloseable {
    record Sample(long commitNanos, double seconds) {}

    private final PrivatePostgres pg;
    private final String endpoint;
    private final long personId;
    private final long intervalMillis;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong commits =
        new java.util.concurrent.atomic.AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    Probe(PrivatePostgres pg, String endpoint, long personId, long intervalMillis) {
      this.pg = pg;
      this.endpoint = endpoint;
      this.personId = personId;
      this.intervalMillis = intervalMillis;
      this.thread = new Thread(this::loop, "lag-probe");
      thread.setDaemon(true);
      thread.start();
    }

    /** Adds the probe's person (its item is then copied with the rest); returns its id. */
    static long insertPerson(PrivatePostgres pg) throws SQLException {
      try (Connection c = pg.connect()) {
        long id = single(c, "SELECT coalesce(max(id), 0) FROM " + SCHEMA + ".person") + 500_000;
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO "
                    + SCHEMA
                    + ".person (id, full_name, last_name, first_name)"
                    + " VALUES (?, 'probe 0', 'Probe', 'Lag')")) {
          s.setLong(1, id);
          s.executeUpdate();
        }
        return id;
      }
    }

    private void loop() {
      Map<String, AttributeValue> key =
          Map.of(
              Attr.PK,
              AttributeValue.fromS(KeyFormats.personPk(Long.toString(personId))),
              Attr.SK,
              AttributeValue.fromS(KeyFormats.PROFILE_SK));
      GetItemRequest.Builder get =
          GetItemRequest.builder()
              .tableName(TargetTable.CONFIG.tableName(PREFIX))
              .key(key)
              .consistentRead(true);
      try (Connection c = pg.connect();
          PreparedStatement update =
              c.prepareStatement("UPDATE " + SCHEMA + ".person SET full_name = ? WHERE id = ?");
          DynamoDbClient client = LocalDynamo.client(endpoint, 2)) {
        long n = System.currentTimeMillis();
        while (running) {
          long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
          n++;
          String name = "probe " + n;
          AttributeValue expected = AttributeValue.fromS(name);
          update.setString(1, name);
          update.setLong(2, personId);
          long sent = System.nanoTime();
          update.executeUpdate();
          commits.incrementAndGet();
          while (running) {
            Map<String, AttributeValue> item = client.getItem(get.build()).item();
            if (item != null && item.containsValue(expected)) {
              samples.add(new Sample(sent, (System.nanoTime() - sent) / 1e9));
              break;
            }
            Thread.sleep(20);
          }
          long wait = next - System.nanoTime();
          if (wait > 0 && running) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure.set(e);
      }
    }

    long commits() {
      return commits.get();
    }

    /** The lags of the probes committed within [from, to] (nanoTime). */
    List<Double> lags(long from, long to) {
      List<Double> lags = new ArrayList<>();
      synchronized (samples) {
        for (Sample sample : samples) {
          if (sample.commitNanos() >= from && sample.commitNanos() <= to) {
            lags.add(sample.seconds());
          }
        }
      }
      return lags;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(10_000);
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("the lag probe failed: " + e.getMessage(), e);
      }
    }
  }

  /** A class path with every entry made absolute. */
  static String absolute(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Nearest-rank percentile ({@code p} in [0, 100]); NaN for no values. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index =
        (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
    return sorted.get(index);
  }

  private static void line(PrintStream log, Step s) {
    log.println(
        Benchmark.fmt(
            "  %-6s target %,5d/s (%2d × %3d): workload %,7.1f commits/s, sync %,7.1f changes/s"
                + " (%.2f per commit; source %.2f rows per commit), lag p50 %.1f / p99 %.1f / max"
                + " %.1f s over %d lines, thirds %.1f → %.1f s; probe p50 %.1f / p99 %.1f / max"
                + " %.1f s over %d probes; bounded %s; caught up %s;"
                + " cores dynalite %.2f, sync %.2f, postgres %.2f, benchmark %.2f, others %.2f,"
                + " machine %.2f",
            s.label(),
            s.targetRate(),
            s.connections(),
            s.perConnection(),
            s.commitRate(),
            s.applyRate(),
            s.changesPerCommit(),
            s.rowsPerCommit(),
            s.lagPercentile(50),
            s.lagPercentile(99),
            s.lagPercentile(100),
            s.lags().size(),
            s.lagFirstThird(),
            s.lagLastThird(),
            s.probePercentile(50),
            s.probePercentile(99),
            s.probePercentile(100),
            s.probeLags().size(),
            s.verdict(),
            Double.isNaN(s.drainSeconds())
                ? "no"
                : Benchmark.fmt("%.1f s after the step", s.drainSeconds()),
            s.cpu().dynalite(),
            s.cpu().contender(),
            s.cpu().postgres(),
            s.benchmarkCores(),
            s.otherCores(),
            s.cpu().machine()));
  }

  private static String markdown(
      String started,
      String command,
      String machine,
      String source,
      String heap,
      long lanes,
      long perConnectionCap,
      long maxConnections,
      double maxLag,
      double lagGrowth,
      long warmupSeconds,
      long probeMillis,
      Step idle,
      List<Step> steps,
      Step best,
      Step steady,
      double copySeconds,
      ChildRun.Outcome catchUp,
      String catchUpLag,
      int verifyExit,
      double verifySeconds,
      double totalSeconds) {
    StringBuilder md = new StringBuilder();
    md.append("### Sync run of ").append(started).append("\n\n");
    md.append("- Command (from the project folder): `").append(command).append("`\n");
    md.append("- Machine: ").append(machine).append('\n');
    md.append("- Source: ")
        .append(source)
        .append(
            " in a private PostgreSQL 15 (`wal_level=logical`, `fsync=off`, loopback), copied"
                + " with `--mode=MIGRATE --syncSlot=...` in ")
        .append(Benchmark.fmt("%.1f s", copySeconds))
        .append("; target: dynalite in memory.\n");
    md.append("- Sync: `Migrate --mode=SYNC --runner=DirectRunner` in a child JVM (`-Xmx")
        .append(heap)
        .append("`, ")
        .append(lanes > 0 ? "`--syncLanes=" + lanes + "`" : "default `--syncLanes`")
        .append(
            ", `--progressIntervalSeconds=1`), started once and left running through all"
                + " steps.\n");
    md.append(
        Benchmark.fmt(
            "- Workload: the change-log tests' `TicketWorkload` (sales and transfers by the"
                + " SPEC's rules, each one transaction updating the ticket row and inserting a"
                + " purchase-history row; every 97th commit adds a person, every 149th deletes a"
                + " ticket with its history, every 211th of the first connection renames a team)"
                + " from ceil(rate / %d) connections (at most %d), each capped at rate ÷"
                + " connections commits/s; %d s of warm-up, then the measured window. The"
                + " workload runs in the benchmark's JVM, on the same 2 cores.%n",
            perConnectionCap, maxConnections, warmupSeconds));
    md.append(
        "- Counting: *commits/s* are the transactions committed in the window (the workload's"
            + " and the probe's); *source rows per commit* are the rows the source's tables"
            + " inserted, updated and deleted (`pg_stat_user_tables`) per commit over the whole"
            + " step; *sync changes/s* is the rise of the sync's `changes applied` counter (one"
            + " per changed row the change log delivered; it counts a batch when the sync takes"
            + " it, before its writes) between its progress lines at the window's ends. *changes"
            + " ÷ commits* is therefore ~2 when the sync keeps up, and *÷ rows* ~1.00.\n");
    md.append(
        Benchmark.fmt(
            "- Lag, two ways. *Lines*: the figure each one-second progress line of the sync"
                + " prints, now − the commit time of the newest change in the last batch it"
                + " applied (0 after a poll that found nothing); it is set when a batch is done,"
                + " so it says nothing of the older changes in that batch, and a line printed"
                + " while a long batch is written repeats the previous batch's figure. *Probe*:"
                + " measured outside the tool, every %d ms the benchmark renames one person row"
                + " (its own, not the workload's) and reads its config item back from dynalite"
                + " (consistent GetItem every 20 ms) until the new name is there: commit → item"
                + " visible, one probe in flight at a time. p50 / p99 / max over the window"
                + " (p99 of a few dozen values is their max or next to it).%n",
            probeMillis));
    md.append(
        Benchmark.fmt(
            "- *Bounded*: lag p99 ≤ %.1f s by the lines and by the probe, the median line lag"
                + " of the window's last third at most %.1f s above its first third's, and the"
                + " sync caught up (two lines in a row with nothing to apply, lag 0) after the"
                + " workload stopped. Stepping ends at the first step that is not bounded.%n",
            maxLag, lagGrowth));
    md.append(
        "- CPU: average cores (of the machine's "
            + Runtime.getRuntime().availableProcessors()
            + ") over each window, from /proc: dynalite, the sync's JVM, every PostgreSQL process"
            + " on the machine, the benchmark's own JVM (the workload's connections and the"
            + " probe), every other process (*others*: whatever else runs on the machine), and"
            + " the whole machine busy. *idle* is a window without workload, the probe's one"
            + " commit a second alone.\n\n");
    md.append(
        "| step | target commits/s (connections × cap) | commits/s | source rows per commit"
            + " | sync changes/s | changes ÷ commits | changes ÷ source rows | lag (lines) p50 /"
            + " p99 / max s | line lag first → last third s | lag (probe) p50 / p99 / max s"
            + " (probes) | bounded | caught up after the step | cores: dynalite / sync JVM /"
            + " PostgreSQL / benchmark JVM / others / machine |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    List<Step> rows = new ArrayList<>();
    if (idle != null) {
      rows.add(idle);
    }
    rows.addAll(steps);
    if (steady != null) {
      rows.add(steady);
    }
    for (Step s : rows) {
      md.append(
          Benchmark.fmt(
              "| %s | %,d (%d × %d) | %,.1f | %.2f | %,.1f | %.2f | %.2f | %.1f / %.1f / %.1f"
                  + " | %.1f → %.1f | %.1f / %.1f / %.1f (%d) | %s | %s | %.2f / %.2f / %.2f /"
                  + " %.2f / %.2f / %.2f |%n",
              s.label(),
              s.targetRate(),
              s.connections(),
              s.perConnection(),
              s.commitRate(),
              s.rowsPerCommit(),
              s.applyRate(),
              s.changesPerCommit(),
              s.keptUp(),
              s.lagPercentile(50),
              s.lagPercentile(99),
              s.lagPercentile(100),
              s.lagFirstThird(),
              s.lagLastThird(),
              s.probePercentile(50),
              s.probePercentile(99),
              s.probePercentile(100),
              s.probeLags().size(),
              s.verdict(),
              Double.isNaN(s.drainSeconds()) ? "no" : Benchmark.fmt("%.1f s", s.drainSeconds()),
              s.cpu().dynalite(),
              s.cpu().contender(),
              s.cpu().postgres(),
              s.benchmarkCores(),
              s.otherCores(),
              s.cpu().machine()));
    }
    md.append('\n');
    if (best != null) {
      Step last = steps.get(steps.size() - 1);
      md.append(
          Benchmark.fmt(
              "**Sustained: %,.0f commits/s** (%,.0f changes/s applied; lag p99 %.1f s by the"
                  + " lines, %.1f s by the probe; target %,d/s), the highest bounded step",
              best.commitRate(),
              best.applyRate(),
              best.lagPercentile(99),
              best.probePercentile(99),
              best.targetRate()));
      if (last.equals(best)) {
        md.append(
            "; no higher step was run (the last rate of --rates, or the workload fell short of"
                + " its target), so the sync's limit lies at or above it");
      } else {
        md.append(
            Benchmark.fmt(
                "; at %,.0f commits/s (target %,d/s) it was not (%s)",
                last.commitRate(), last.targetRate(), last.verdict()));
      }
      md.append(".\n\n");
    } else {
      md.append("**Sustained: none of the steps was bounded.**\n\n");
    }
    if (steady != null) {
      md.append(
          Benchmark.fmt(
              "**Steady workload at %,.0f commits/s** (%.0f %% of the sustained rate, %.0f s"
                  + " measured): lag p50 %.1f s, p99 %.1f s by the lines; %.1f s, %.1f s by the"
                  + " probe (max %.1f s); the sync applied %,.1f changes/s, %.2f × the commit"
                  + " rate (%.2f source rows per commit: %.2f of the rows changed).%n%n",
              steady.commitRate(),
              best == null ? Double.NaN : 100.0 * steady.commitRate() / best.commitRate(),
              steady.seconds(),
              steady.lagPercentile(50),
              steady.lagPercentile(99),
              steady.probePercentile(50),
              steady.probePercentile(99),
              steady.probePercentile(100),
              steady.applyRate(),
              steady.changesPerCommit(),
              steady.rowsPerCommit(),
              steady.keptUp()));
    }
    md.append(
        Benchmark.fmt(
            "Afterwards the following sync was stopped (SIGTERM) and `--mode=SYNC"
                + " --stopWhenCaughtUp=true` took over: exit %d in %.1f s%s. ",
            catchUp.exitCode(),
            catchUp.seconds(),
            catchUpLag.isEmpty() ? "" : " (its own batches' lag: " + catchUpLag + ")"));
    if (verifyExit >= 0) {
      md.append(
          Benchmark.fmt(
              "`--mode=VERIFY`: exit %d in %.1f s%s.",
              verifyExit,
              verifySeconds,
              verifyExit == 0 ? " (every item equals what a fresh migration would write)" : ""));
    }
    md.append(Benchmark.fmt(" Whole run: %.0f s.%n", totalSeconds));
    return md.toString();
  }
}
