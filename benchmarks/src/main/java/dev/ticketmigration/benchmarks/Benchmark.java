package dev.ticketmigration.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark of issue #13: on this machine, generates DMS_SAMPLE data into the local PostgreSQL,
 * then runs each contender in turn, each against a fresh in-memory dynalite on a loopback port, and
 * prints (and writes as Markdown) the side-by-side ratios:
 *
 * <ol>
 *   <li>sink: the pipeline's write rate ÷ a plain multi-threaded BatchWriteItem loader's (best
 *       thread count) of the same items;
 *   <li>source: the pipeline's read rate ÷ a plain parallel JDBC scan of the same queries;
 *   <li>a hand-written single-process migrator's end-to-end time ÷ the pipeline's;
 *   <li>scaling: seconds per million tickets at each size;
 *   <li>memory: every child JVM runs with the same -Xmx; its peak RSS and heap after GC.
 * </ol>
 *
 * <pre>
 * java -jar benchmarks/target/ticket-migration-benchmarks.jar --tickets 100k,1M \
 *   --runners direct,flink,spark --out docs/benchmarks.md
 * </pre>
 *
 * Run it from the project folder (it finds runners/ and local-dynamodb/ there). {@code --help}
 * lists the options.
 */
public final class Benchmark {
  private Benchmark() {}

  static final String USAGE =
      """
      usage: java -jar benchmarks/target/ticket-migration-benchmarks.jar [options]
        --tickets 100k,1M          ticket counts (approximate, the generator's sizing); default 100k
        --runners direct,flink,spark   pipeline runners (bundles under runners/<r>/target)
        --contenders scan,loader,handwritten,pipeline,source   which contenders to run (default
                                   all; source = each runner's bundle with --mode=READ)
        --heap 1g                  -Xmx of every child JVM (pipelines, hand-written migrator)
        --parallelism 2            Flink --parallelism and Spark local[N] (default: cores)
        --directMaxTickets 100k    larger sizes skip the DirectRunner (~350 items/s there)
        --loaderThreads 1,2,4,8    thread counts the plain loader tries; the best is kept
        --sweepItems 60k           items per loader try; then the best count loads all items
        --scanThreads 1,2,4        thread counts the plain JDBC scan tries; the best is kept
        --handWrittenThreads N     writer threads of the hand-written migrator (default: the
                                   loader's best)
        --fetchSize 10000          JDBC fetch size (the pipeline's default)
        --pipelineArgs "..."       extra options for every pipeline run, space separated
        --pgUrl jdbc:postgresql://127.0.0.1:5432/test   --pgUser postgres
                                   (a password, if any, from $SOURCE_PASSWORD)
        --schemaPrefix bench_      source schema per size: <prefix><tickets>; kept for reuse
        --regenerate               generate again even when the schema is complete
        --dropSchema               drop each size's schema when its contenders are done
        --seed 42                  generator seed
        --targetStore auto         where each contender's dynalite keeps its tables: memory, disk
                                   (LevelDB in a temporary folder), or auto (memory up to 1.5 M
                                   tickets, disk above; compare sizes with one store)
        --timeoutMinutes 60        a contender running longer is killed (with its children)
        --verifyCounts             count each target table with a Scan after the run
        --workDir benchmarks/target/bench   logs, run reports, the loader's item file
        --out FILE                 Markdown results (default <workDir>/results.md); an existing
                                   file gets them between its result markers, or appended
        --repeatReferences=false   do not run the best scan and loader again after the pipelines
        --verbose                  echo the pipelines' output
      """;

  /** Settings shared by the contenders. */
  record Settings(
      String pgUrl,
      String pgUser,
      String heap,
      int sampleMillis,
      long timeoutSeconds,
      boolean verbose,
      boolean verifyCounts,
      int fetchSize,
      List<String> pipelineArgs,
      TargetStore targetStore) {

    /** Whether each contender's dynalite keeps its tables on disk for a run of this size. */
    boolean targetOnDisk(long tickets) {
      return switch (targetStore) {
        case DISK -> true;
        case MEMORY -> false;
        case AUTO -> tickets > LocalDynamo.IN_MEMORY_TICKETS;
      };
    }

    /** The store in words, for the machine line. */
    String targetStoreDescription() {
      return switch (targetStore) {
        case DISK -> "tables on disk";
        case MEMORY -> "tables in memory";
        case AUTO ->
            fmt("tables in memory up to %,d tickets, on disk above", LocalDynamo.IN_MEMORY_TICKETS);
      };
    }
  }

  /** Where each contender's dynalite keeps its tables ({@code --targetStore}). */
  enum TargetStore {
    AUTO,
    MEMORY,
    DISK;

    static TargetStore parse(String text) {
      for (TargetStore store : values()) {
        if (store.name().equalsIgnoreCase(text)) {
          return store;
        }
      }
      throw new IllegalArgumentException(
          "--targetStore must be auto, memory or disk, not '" + text + "'");
    }
  }

  /** The child being run, killed if the benchmark itself is stopped. */
  static volatile Process current;

  public static void main(String[] argv) throws Exception {
    // quiet libraries: the benchmark's own lines are the output
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.sdk.metrics", "error");
    if (Arrays.asList(argv).contains("--help")) {
      System.out.print(USAGE);
      return;
    }
    try {
      run(argv, System.out);
    } catch (IllegalArgumentException e) {
      // a mistyped option: its one line, not a stack trace
      System.err.println("benchmark: " + e.getMessage() + " (--help lists the options)");
      System.exit(2);
    }
  }

  /**
   * The whole run, its lines printed to {@code log}: every size, every contender, then the Markdown
   * written to {@code --out}. Returns every contender's result (the smoke test checks them).
   */
  static List<Result> run(String[] argv, PrintStream log) throws Exception {
    Args args = new Args(argv);
    List<Long> sizes = args.numbers("tickets", "100k");
    List<String> runners = args.list("runners", "direct,flink,spark");
    List<String> contenders = args.list("contenders", "scan,loader,handwritten,pipeline,source");
    int cores = Runtime.getRuntime().availableProcessors();
    int parallelism = (int) args.number("parallelism", cores);
    long directMax = args.number("directMaxTickets", 100_000);
    List<Long> loaderThreads = args.numbers("loaderThreads", "1,2,4,8");
    long sweepItems = args.number("sweepItems", 60_000);
    List<Long> scanThreads = args.numbers("scanThreads", "1,2,4");
    long handThreads = args.number("handWrittenThreads", 0);
    String pipelineArgs = args.string("pipelineArgs", "");
    boolean repeatReferences = args.flag("repeatReferences", true);
    Settings s =
        new Settings(
            args.string("pgUrl", "jdbc:postgresql://127.0.0.1:5432/test"),
            args.string("pgUser", "postgres"),
            args.string("heap", "1g"),
            250,
            args.number("timeoutMinutes", 60) * 60,
            args.flag("verbose", false),
            args.flag("verifyCounts", false),
            (int) args.number("fetchSize", 10_000),
            pipelineArgs.isBlank() ? List.of() : List.of(pipelineArgs.trim().split("\\s+")),
            TargetStore.parse(args.string("targetStore", "auto")));
    String schemaPrefix = args.string("schemaPrefix", "bench_");
    boolean regenerate = args.flag("regenerate", false);
    boolean dropSchema = args.flag("dropSchema", false);
    long seed = args.number("seed", 42);
    Path workDir = Path.of(args.string("workDir", "benchmarks/target/bench")).toAbsolutePath();
    Path out = Path.of(args.string("out", workDir.resolve("results.md").toString()));
    args.requireAllUsed();

    Path projectDir = projectDir();
    Files.createDirectories(workDir);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Process p = current;
                  if (p != null) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                  }
                },
                "stop-contender"));

    String command =
        "java -jar benchmarks/target/ticket-migration-benchmarks.jar " + String.join(" ", argv);
    String started =
        LocalDateTime.now(java.time.ZoneId.systemDefault())
            .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .substring(0, 16);
    String machine = Machine.describe(s);
    log.println("Benchmark " + started + "\n" + machine);
    List<Result> all = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    for (long size : sizes) {
      String schema = schemaPrefix + size;
      log.printf("%n== %,d tickets (schema %s) ==%n", size, schema);
      SourceData.Prepared data =
          SourceData.prepare(s.pgUrl(), s.pgUser(), schema, size, seed, regenerate, log);
      log.printf(
          "Source: %,d tickets, %,d history rows, ids %d..%d%n",
          data.tickets(), data.historyRows(), data.minId(), data.maxId());
      Path sizeDir = workDir.resolve("t" + size);
      Files.createDirectories(sizeDir);
      List<Result> results = new ArrayList<>();

      // the loader's items, built once by the hand-written read path (also warms the caches)
      Path itemFile = sizeDir.resolve("items.bin");
      long totalItems = -1;
      if (contenders.contains("loader")) {
        long t0 = System.nanoTime();
        try (Connection c = SourceData.connect(s.pgUrl(), s.pgUser());
            ItemFile file = new ItemFile(itemFile)) {
          TicketJoin.Stats st = TicketJoin.run(c, schema, s.fetchSize(), file::add);
          totalItems = st.items();
          log.printf(
              "Precomputed %,d items of %,d tickets for the loader in %.1f s%n",
              st.items(), st.tickets(), (System.nanoTime() - t0) / 1e9);
        }
      }

      int bestScanThreads = 0;
      if (contenders.contains("scan")) {
        double bestRate = 0;
        for (long t : scanThreads) {
          Result r = Contenders.scan(s, data, (int) t, sizeDir);
          results.add(r);
          Report.line(log, r);
          if (r.ok() && r.readRate() > bestRate) {
            bestRate = r.readRate();
            bestScanThreads = (int) t;
          }
        }
      }

      int bestLoaderThreads = 4;
      if (contenders.contains("loader")) {
        List<Result> sweep = new ArrayList<>();
        long limit = Math.min(sweepItems, totalItems);
        for (long t : loaderThreads) {
          Result r = Contenders.loader(s, data, itemFile, limit, (int) t);
          r.variant += limit < totalItems ? " (first " + limit + " items)" : "";
          sweep.add(r);
          results.add(r);
          Report.line(log, r);
        }
        Result best =
            sweep.stream()
                .filter(Result::ok)
                .max(Comparator.comparingDouble(Result::writeRate))
                .orElseThrow();
        bestLoaderThreads = best.threads;
        if (limit < totalItems) {
          Result full = Contenders.loader(s, data, itemFile, Long.MAX_VALUE, bestLoaderThreads);
          full.variant += " (best, all items)";
          results.add(full);
          Report.line(log, full);
        } else {
          best.variant += " (best)";
        }
      }

      if (contenders.contains("handwritten")) {
        int threads = handThreads > 0 ? (int) handThreads : bestLoaderThreads;
        Result r = Contenders.handWritten(s, data, threads, sizeDir);
        results.add(r);
        Report.line(log, r);
      }

      if (contenders.contains("pipeline")) {
        for (String runner : runners) {
          if (runner.equals("direct") && data.tickets() > directMax) {
            Result r = new Result(data.tickets(), "pipeline");
            r.variant = runner;
            r.status = "skipped";
            r.note = "over --directMaxTickets=" + directMax;
            results.add(r);
            Report.line(log, r);
            continue;
          }
          Result r =
              PipelineContender.run(
                  s, data, PipelineContender.spec(runner, parallelism), projectDir, sizeDir);
          if (r.ok() && totalItems >= 0 && r.items != totalItems) {
            r.note += " wrote " + r.items + " items, the loader's set has " + totalItems;
          }
          results.add(r);
          Report.line(log, r);
        }
      }
      if (contenders.contains("source")) {
        for (String runner : runners) {
          if (runner.equals("direct") && data.tickets() > directMax) {
            continue;
          }
          Result r =
              PipelineContender.runReadOnly(
                  s, data, PipelineContender.spec(runner, parallelism), projectDir, sizeDir);
          r.variant = runner;
          results.add(r);
          Report.line(log, r);
        }
      }
      // the references once more after the pipelines, so a burst of load from other processes
      // during one of them cannot make the pipelines look better; the better run counts
      if (contenders.contains("pipeline") && repeatReferences) {
        if (contenders.contains("scan") && bestScanThreads > 0) {
          Result r = Contenders.scan(s, data, bestScanThreads, sizeDir);
          r.variant += " (again, after the pipelines)";
          results.add(r);
          Report.line(log, r);
        }
        if (contenders.contains("loader")) {
          Result r = Contenders.loader(s, data, itemFile, Long.MAX_VALUE, bestLoaderThreads);
          r.variant += " (best, all items, again after the pipelines)";
          results.add(r);
          Report.line(log, r);
        }
      }
      all.addAll(results);
      if (dropSchema) {
        SourceData.drop(s.pgUrl(), s.pgUser(), schema);
        notes.add("schema " + schema + " dropped after the run");
      } else {
        notes.add(
            "schema " + schema + " kept for reuse (drop with DROP SCHEMA " + schema + " CASCADE)");
      }
      Files.deleteIfExists(itemFile);
    }

    String markdown = Report.markdown(started, command, machine, all, notes, s, parallelism);
    log.println();
    log.println(markdown);
    Report.write(out, markdown);
    log.println("Results written to " + out);
    return all;
  }

  /** The folder holding runners/ (the project), searched from the working directory up. */
  static Path projectDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("runners"))
          && Files.isDirectory(dir.resolve("local-dynamodb"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "run the benchmark from the project folder (runners/ not found)");
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String ownClassPath() {
    return System.getProperty("java.class.path");
  }

  static String fmt(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }

  static void writeString(Path file, String text) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
