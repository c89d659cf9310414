package dev.ticketmigration.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration itself, run from a runner's bundled jar in a child JVM exactly as a user would
 * ({@code java -Xmx.. -jar runners/<runner>/target/ticket-migration-<runner>.jar ...}), migrating
 * only the two ticket tables into ticket_sales. Its read and write phases are found from the
 * progress lines it prints every second (rows read, items written) and from dynalite's CPU.
 */
final class PipelineContender {
  private PipelineContender() {}

  /** How to launch one runner's bundle. */
  record RunnerSpec(String name, String jar, List<String> jvmFlags, List<String> args) {}

  /** Spark 3.5's module options for Java 17 (JavaModuleOptions.defaultModuleOptions()). */
  static final List<String> SPARK_JAVA17_FLAGS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false");

  static RunnerSpec spec(String runner, int parallelism) {
    switch (runner) {
      case "direct":
        return new RunnerSpec(
            runner,
            "runners/direct/target/ticket-migration-direct.jar",
            List.of(),
            // the benchmark measures where the DirectRunner's heap ends: no refusal before reading
            List.of("--runner=DirectRunner", "--force=true"));
      case "flink":
        return new RunnerSpec(
            runner,
            "runners/flink/target/ticket-migration-flink.jar",
            List.of(),
            List.of("--runner=FlinkRunner", "--parallelism=" + parallelism));
      case "spark":
        List<String> flags = new ArrayList<>(SPARK_JAVA17_FLAGS);
        flags.add("-Dspark.ui.enabled=false");
        return new RunnerSpec(
            runner,
            "runners/spark/target/ticket-migration-spark.jar",
            flags,
            List.of("--runner=SparkRunner", "--sparkMaster=local[" + parallelism + "]"));
      default:
        throw new IllegalArgumentException(
            "unknown runner '" + runner + "' (direct, flink, spark)");
    }
  }

  /** The contender name of the source-stage-only runs. */
  static final String READ_ONLY = "pipeline read only";

  private static final Pattern PROGRESS =
      // "progress [reading, writing]: 5,000 rows read (500 rows/s), 250 items written (25 items/s)"
      Pattern.compile(
          "progress \\[[^\\]]*\\]: ([\\d,]+) rows read(?: \\([^)]*\\))?(?:, ([\\d,]+) items written)?");

  /** A READ run's own measure of its read stage, from its first row to its last. */
  private static final Pattern READ_STAGE =
      Pattern.compile("Read stage: ([\\d,]+) rows from the first to the last in ([\\d.]+) s");

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** dynalite above this share of a core means items are arriving. */
  static final double DYNALITE_BUSY = 0.10;

  static Result run(
      Benchmark.Settings s,
      SourceData.Prepared data,
      RunnerSpec spec,
      Path projectDir,
      Path workDir)
      throws Exception {
    return run(s, data, spec, projectDir, workDir, false);
  }

  /**
   * The source stage alone: the same bundle with {@code --mode=READ}, which runs the migration's
   * own readers (same queries, id ranges, fetch size and row mapping) and drops the rows, so its
   * read rate compares with the plain scan without the shuffle's serialisation and sort.
   */
  static Result runReadOnly(
      Benchmark.Settings s,
      SourceData.Prepared data,
      RunnerSpec spec,
      Path projectDir,
      Path workDir)
      throws Exception {
    return run(s, data, spec, projectDir, workDir, true);
  }

  private static Result run(
      Benchmark.Settings s,
      SourceData.Prepared data,
      RunnerSpec spec,
      Path projectDir,
      Path workDir,
      boolean readOnly)
      throws Exception {
    Result r = new Result(data.tickets(), readOnly ? READ_ONLY : "pipeline");
    r.variant = spec.name();
    r.heap = s.heap();
    Path built = projectDir.resolve(spec.jar());
    if (!Files.isRegularFile(built)) {
      r.status = "skipped";
      r.note = spec.jar() + " is not built";
      return r;
    }
    Path jar = snapshot(built, workDir.resolve("jars"));
    r.note = "bundle built " + Files.getLastModifiedTime(built).toString().substring(0, 16) + ";";
    Path dir = workDir.resolve((readOnly ? "read-only-" : "pipeline-") + spec.name());
    Files.createDirectories(dir);
    Path report = dir.resolve("run-report.json");
    Files.deleteIfExists(report);
    Path gcLog = dir.resolve("gc.log");
    try (LocalDynamo dynamo = LocalDynamo.start(!readOnly && s.targetOnDisk(data.tickets()));
        CpuSampler cpu = new CpuSampler(dynamo.pid(), s.sampleMillis())) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Benchmark.javaExecutable());
      cmd.add("-Xmx" + s.heap());
      cmd.add("-XX:+ExitOnOutOfMemoryError");
      cmd.add("-Xlog:gc:file=" + gcLog);
      cmd.addAll(spec.jvmFlags());
      cmd.add("-jar");
      cmd.add(jar.toString());
      cmd.addAll(spec.args());
      cmd.add("--sourceUrl=" + s.pgUrl());
      cmd.add("--sourceUser=" + s.pgUser());
      cmd.add("--sourceSchema=" + data.schema());
      cmd.add("--dynamoEndpoint=" + dynamo.endpoint());
      cmd.add("--dynamoLocal=true");
      cmd.add("--tables=sporting_event_ticket,ticket_purchase_hist");
      cmd.add("--progressIntervalSeconds=1");
      cmd.add("--reportPath=" + report);
      cmd.add("--deadLetterDir=" + dir.resolve("dead-letters"));
      if (readOnly) {
        cmd.add("--mode=READ");
      }
      cmd.addAll(s.pipelineArgs());
      r.loadBefore = Proc.load1();
      ChildRun.Outcome out =
          ChildRun.run(
              cmd,
              projectDir,
              Map.of(),
              dir.resolve("output.log"),
              s.timeoutSeconds(),
              p -> {
                cpu.contender(p.pid(), true);
                Benchmark.current = p;
              },
              line -> {
                if (s.verbose()) {
                  System.out.println("    | " + line);
                }
              });
      Benchmark.current = null;
      cpu.mark();
      r.loadAfter = Proc.load1();
      r.wallSeconds = out.seconds();
      r.peakRssBytes = cpu.peakRss();
      long[] gc = gcFigures(gcLog);
      r.maxHeapAfterGcMb = gc[0];
      r.fullGcs = gc[1];
      r.wholeCpu = cpu.usage(out.startNanos(), out.endNanos());
      if (out.timedOut()) {
        r.status = "timeout";
        r.note += " killed after " + s.timeoutSeconds() + " s; log " + out.log();
        return r;
      }
      if (out.exitCode() != 0 || !Files.isRegularFile(report)) {
        r.status = "exit " + out.exitCode();
        r.note += " " + failureLine(out) + "; log " + out.log();
        return r;
      }
      JsonNode json = JSON.readTree(report.toFile());
      r.items = sum(json.path("items_written"));
      r.rows = sum(json.path("rows_read"));
      r.pipelineSeconds = json.path("pipeline_seconds").asDouble(Double.NaN);
      phases(r, out, cpu);
      if (readOnly) {
        r.writeSeconds = Double.NaN;
        r.writeHow = "";
        r.writeCpu = CpuSampler.Usage.NONE;
        r.shuffleSeconds = Double.NaN;
        r.shuffleCpu = CpuSampler.Usage.NONE;
      }
      if (s.verifyCounts()) {
        long counted = LocalDynamo.count(dynamo.endpoint(), "ticket_sales", 4);
        if (counted != r.items) {
          r.note += " table holds " + counted + " items, run reported " + r.items;
        }
      }
    }
    return r;
  }

  /**
   * Read phase: from the last progress line with 0 rows read to the first with all of them
   * (1-second lines: each bound is off by at most 1 s, never in the pipeline's favour). Write
   * phase: from the first quarter-second in which dynalite worked (after the last line with 0 items
   * written) to the last one before the run's summary: dynalite is idle (< 0.01 core) otherwise,
   * and a pipeline's item counter runs ahead of its writes. Shuffle: between the two.
   */
  static void phases(Result r, ChildRun.Outcome out, CpuSampler cpu) {
    long migrating = out.startNanos();
    long summary = out.endNanos();
    List<long[]> progress = new ArrayList<>(); // nanos, rows, items
    for (ChildRun.Line line : out.lines()) {
      if (line.text().startsWith("Migrating ") || line.text().startsWith("Reading ")) {
        migrating = line.nanos();
      }
      if (line.text().startsWith("Source rows read")) {
        summary = line.nanos();
      }
      Matcher m = PROGRESS.matcher(line.text());
      if (m.find()) {
        progress.add(
            new long[] {
              line.nanos(), parse(m.group(1)), m.group(2) == null ? 0 : parse(m.group(2))
            });
      }
    }
    long readStart = migrating;
    long readEnd = -1;
    long zeroItems = migrating;
    int firstRows = -1;
    int lastPartial = -1;
    for (int i = 0; i < progress.size(); i++) {
      long[] p = progress.get(i);
      if (p[1] == 0) {
        readStart = p[0];
      } else if (firstRows < 0) {
        firstRows = i;
      }
      if (readEnd < 0 && p[1] >= r.rows) {
        readEnd = p[0];
        lastPartial = i - 1;
      }
      if (p[2] == 0) {
        zeroItems = p[0];
      }
    }
    if (readEnd < 0 && r.items <= 0 && progress.stream().anyMatch(p -> p[1] > 0)) {
      // a READ run can end between two lines: bound it by the summary, then interpolate
      readEnd = summary;
      lastPartial = progress.size() - 1;
    }
    // the lines come once a second: put each bound where the neighbouring second's rate puts it
    boolean interpolated = false;
    if (firstRows >= 0 && firstRows + 1 < progress.size() && lastPartial >= firstRows) {
      long[] a = progress.get(firstRows);
      long[] b = progress.get(firstRows + 1);
      double rate = (b[1] - a[1]) / (double) (b[0] - a[0]);
      if (rate > 0 && b[1] < r.rows) {
        readStart = Math.max(readStart, a[0] - (long) (a[1] / rate));
        interpolated = true;
      }
      if (lastPartial >= 1) {
        long[] c = progress.get(lastPartial - 1);
        long[] d = progress.get(lastPartial);
        double endRate = (d[1] - c[1]) / (double) (d[0] - c[0]);
        if (endRate > 0 && c[1] > 0) {
          readEnd = Math.min(readEnd, d[0] + (long) ((r.rows - d[1]) / endRate));
          interpolated = true;
        }
      }
    }
    OptionalLong busy = cpu.firstDynaliteBusy(zeroItems, summary, DYNALITE_BUSY);
    long writeStart = busy.orElse(zeroItems);
    OptionalLong idle = cpu.lastDynaliteBusy(writeStart, summary, DYNALITE_BUSY);
    long writeEnd = idle.orElse(summary);
    r.writeHow = busy.isPresent() ? "dynalite busy → idle" : "progress lines → summary";
    r.writeSeconds = (writeEnd - writeStart) / 1e9;
    r.writeCpu = cpu.usage(writeStart, writeEnd);
    if (readEnd > 0 && progress.stream().anyMatch(p -> p[1] > 0)) {
      r.readHow = interpolated ? "progress lines, interpolated" : "progress lines";
    } else {
      // no row counts in this JVM's progress lines: bound the read by the start of the writes
      readStart = migrating;
      readEnd = writeStart;
      r.readHow = "start → first write (upper bound)";
    }
    r.readSeconds = (readEnd - readStart) / 1e9;
    for (ChildRun.Line line : out.lines()) {
      Matcher stage = READ_STAGE.matcher(line.text());
      if (stage.find() && parse(stage.group(1)) == r.rows) {
        // measured inside the run, as the scan measures itself: no interpolation
        r.readSeconds = Double.parseDouble(stage.group(2));
        r.readHow = "first to last row, in the run";
      }
    }
    r.readCpu = cpu.usage(readStart, readEnd);
    if (writeStart > readEnd) {
      r.shuffleSeconds = (writeStart - readEnd) / 1e9;
      r.shuffleCpu = cpu.usage(readEnd, writeStart);
    } else {
      r.shuffleSeconds = 0;
    }
  }

  /**
   * A private copy of a runner bundle: a `java -jar` reads classes from its jar lazily, so a
   * rebuild of the project during a run would otherwise break it (NoClassDefFoundError).
   */
  static synchronized Path snapshot(Path jar, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path copy = dir.resolve(jar.getFileName());
    for (int attempt = 0; attempt < 5; attempt++) {
      var before = Files.getLastModifiedTime(jar);
      long size = Files.size(jar);
      if (Files.isRegularFile(copy)
          && Files.size(copy) == size
          && Files.getLastModifiedTime(copy).equals(before)) {
        return copy;
      }
      Files.copy(
          jar,
          copy,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      boolean stable = Files.getLastModifiedTime(jar).equals(before) && Files.size(jar) == size;
      if (stable && isCompleteJar(copy)) {
        return copy;
      }
      Thread.sleep(10_000); // being rebuilt: wait and copy again
    }
    throw new IOException(jar + " keeps changing (being rebuilt?)");
  }

  private static boolean isCompleteJar(Path jar) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      return zip.getEntry("META-INF/MANIFEST.MF") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static long parse(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  private static long sum(JsonNode counts) {
    long n = 0;
    Iterator<Map.Entry<String, JsonNode>> it = counts.fields();
    while (it.hasNext()) {
      n += it.next().getValue().asLong();
    }
    return n;
  }

  /**
   * {max heap after a young/mixed/full collection in MB (an upper bound of the live set: a young
   * pause leaves old garbage in place), number of full collections}, or {-1, -1}.
   */
  static long[] gcFigures(Path gcLog) {
    long max = -1;
    long full = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        if (!line.contains("Pause Young") && !line.contains("Pause Full")) {
          continue;
        }
        full += line.contains("Pause Full") ? 1 : 0;
        Matcher m = GC.matcher(line);
        if (m.find()) {
          max = Math.max(max, Long.parseLong(m.group(2)));
        }
      }
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
    return new long[] {max, full};
  }

  /** The child's most telling line: the error it printed, or its last line. */
  static String failureLine(ChildRun.Outcome out) {
    String last = "";
    for (ChildRun.Line l : out.lines()) {
      String t = l.text();
      if (t.startsWith("error:") || t.contains("OutOfMemoryError") || t.startsWith("Exception")) {
        return t.length() > 300 ? t.substring(0, 300) : t;
      }
      if (!t.isBlank()) {
        last = t;
      }
    }
    return last.length() > 300 ? last.substring(0, 300) : last;
  }
}
