package dev.ticketmigration.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.schemas.TargetTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The reference contenders: the plain loader, the plain scan, the hand-written migrator. */
final class Contenders {
  private Contenders() {}

  /**
   * (a) The plain loader: the first {@code limit} precomputed items into a fresh dynalite with
   * {@code threads} writer threads. Timed from the first request to the last answer; table creation
   * is outside the timing.
   */
  static Result loader(
      Benchmark.Settings s, SourceData.Prepared data, Path itemFile, long limit, int threads)
      throws Exception {
    Result r = new Result(data.tickets(), "loader");
    r.variant = threads + " thread" + (threads == 1 ? "" : "s");
    r.threads = threads;
    try (LocalDynamo dynamo = LocalDynamo.start(s.targetOnDisk(data.tickets()));
        DynamoDbClient client = LocalDynamo.client(dynamo.endpoint(), threads + 1);
        CpuSampler cpu = new CpuSampler(dynamo.pid(), s.sampleMillis())) {
      LocalDynamo.createTicketSales(client, "");
      r.loadBefore = Proc.load1();
      long start = System.nanoTime();
      cpu.mark();
      BatchWriter writer = new BatchWriter(client, TargetTable.TICKET_SALES.tableName(""), threads);
      ItemFile.read(itemFile, limit, writer::put);
      writer.close();
      long end = System.nanoTime();
      cpu.mark();
      r.loadAfter = Proc.load1();
      r.items = writer.items();
      r.wallSeconds = (end - start) / 1e9;
      r.writeSeconds = r.wallSeconds;
      r.writeHow = "first request → last answer";
      r.writeCpu = cpu.usage(start, end);
      r.wholeCpu = r.writeCpu;
      if (writer.unprocessedResent() > 0 || writer.callRetries() > 0) {
        r.note =
            writer.unprocessedResent()
                + " unprocessed re-sent, "
                + writer.callRetries()
                + " calls retried";
      }
      if (s.verifyCounts() && limit == Long.MAX_VALUE) {
        long counted = LocalDynamo.count(dynamo.endpoint(), "ticket_sales", 4);
        if (counted != r.items) {
          r.note += " table holds " + counted + " items";
        }
      }
    }
    return r;
  }

  /** (b) The plain parallel JDBC scan of the pipeline's two ticket queries, in its own JVM. */
  static Result scan(Benchmark.Settings s, SourceData.Prepared data, int threads, Path workDir)
      throws Exception {
    Result r = new Result(data.tickets(), "jdbc scan");
    r.variant = threads + " thread" + (threads == 1 ? "" : "s");
    r.threads = threads;
    Path dir = workDir.resolve("jdbc-scan");
    Files.createDirectories(dir);
    try (CpuSampler cpu = new CpuSampler(-1, s.sampleMillis())) {
      List<String> cmd = ownMain(s, JdbcScan.class, data, null);
      cmd.add("--minId=" + data.minId());
      cmd.add("--maxId=" + data.maxId());
      cmd.add("--threads=" + threads);
      ChildRun.Outcome out = runChild(s, r, cpu, cmd, dir.resolve("output-" + threads + ".log"));
      ChildRun.Line line = resultLine(r, out);
      if (line == null) {
        return r;
      }
      JsonNode json = resultJson(line);
      r.rows = json.path("rows").asLong();
      r.readSeconds = json.path("seconds").asDouble();
      r.readHow = json.path("queries").asInt() + " range queries, in a fresh JVM";
      // the read itself ended with the RESULT line: CPU over the span just before it
      long end = line.nanos();
      r.readCpu = cpu.usage(end - (long) (r.readSeconds * 1e9), end);
      r.wallSeconds = r.readSeconds;
      r.wholeCpu = r.readCpu;
      long expected = data.tickets() + data.historyRows();
      if (r.rows != expected) {
        r.note = "read " + r.rows + " rows, the tables hold " + expected;
      }
    }
    return r;
  }

  /**
   * {@code java -Xmx.. -cp <this jar> main --url --user --schema --fetchSize}: a reference
   * contender in a fresh JVM with the pipelines' heap cap; with a GC log when {@code gcLog} is set.
   */
  private static List<String> ownMain(
      Benchmark.Settings s, Class<?> main, SourceData.Prepared data, Path gcLog) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Benchmark.javaExecutable());
    cmd.add("-Xmx" + s.heap());
    if (gcLog != null) {
      cmd.add("-XX:+ExitOnOutOfMemoryError");
      cmd.add("-Xlog:gc:file=" + gcLog);
    }
    cmd.add("-cp");
    cmd.add(Benchmark.ownClassPath());
    cmd.add(main.getName());
    cmd.add("--url=" + s.pgUrl());
    cmd.add("--user=" + s.pgUser());
    cmd.add("--schema=" + data.schema());
    cmd.add("--fetchSize=" + s.fetchSize());
    return cmd;
  }

  /** Runs a child, its CPU sampled as the contender's, and notes the load before and after. */
  private static ChildRun.Outcome runChild(
      Benchmark.Settings s, Result r, CpuSampler cpu, List<String> cmd, Path log) throws Exception {
    r.loadBefore = Proc.load1();
    ChildRun.Outcome out =
        ChildRun.run(
            cmd,
            Path.of("."),
            Map.of(),
            log,
            s.timeoutSeconds(),
            p -> {
              cpu.contender(p.pid(), true);
              Benchmark.current = p;
            },
            line -> {});
    Benchmark.current = null;
    cpu.mark();
    r.loadAfter = Proc.load1();
    return out;
  }

  private static final Pattern RESULT = Pattern.compile("RESULT (\\{.*})");

  /** The child's {@code RESULT {...}} line, or null after marking {@code r} as failed. */
  private static ChildRun.Line resultLine(Result r, ChildRun.Outcome out) {
    if (out.timedOut() || out.exitCode() != 0) {
      r.status = out.timedOut() ? "timeout" : "exit " + out.exitCode();
      r.note = PipelineContender.failureLine(out) + "; log " + out.log();
      return null;
    }
    for (ChildRun.Line line : out.lines()) {
      if (RESULT.matcher(line.text()).find()) {
        return line;
      }
    }
    r.status = "no result";
    r.note = "no RESULT line; log " + out.log();
    return null;
  }

  private static JsonNode resultJson(ChildRun.Line line) throws java.io.IOException {
    Matcher m = RESULT.matcher(line.text());
    m.find();
    return new ObjectMapper().readTree(m.group(1));
  }

  /** (c) The hand-written migrator, in its own JVM with the same heap cap as the pipelines. */
  static Result handWritten(
      Benchmark.Settings s, SourceData.Prepared data, int threads, Path workDir) throws Exception {
    Result r = new Result(data.tickets(), "hand-written");
    r.variant = threads + " writer threads";
    r.threads = threads;
    r.heap = s.heap();
    Path dir = workDir.resolve("hand-written");
    Files.createDirectories(dir);
    Path gcLog = dir.resolve("gc.log");
    try (LocalDynamo dynamo = LocalDynamo.start(s.targetOnDisk(data.tickets()));
        CpuSampler cpu = new CpuSampler(dynamo.pid(), s.sampleMillis())) {
      List<String> cmd = ownMain(s, HandWrittenMigrator.class, data, gcLog);
      cmd.add("--endpoint=" + dynamo.endpoint());
      cmd.add("--threads=" + threads);
      ChildRun.Outcome out = runChild(s, r, cpu, cmd, dir.resolve("output.log"));
      r.wallSeconds = out.seconds();
      r.peakRssBytes = cpu.peakRss();
      long[] gc = PipelineContender.gcFigures(gcLog);
      r.maxHeapAfterGcMb = gc[0];
      r.fullGcs = gc[1];
      r.wholeCpu = cpu.usage(out.startNanos(), out.endNanos());
      ChildRun.Line line = resultLine(r, out);
      if (line == null) {
        return r;
      }
      JsonNode json = resultJson(line);
      r.items = json.path("items").asLong();
      r.rows = json.path("history_rows").asLong() + json.path("tickets").asLong();
      if (json.path("rejected_tickets").asLong() > 0) {
        r.note = json.path("rejected_tickets").asLong() + " tickets rejected";
      }
      // reading, building and writing overlap: the write phase is dynalite's busy span
      var busy =
          cpu.firstDynaliteBusy(out.startNanos(), out.endNanos(), PipelineContender.DYNALITE_BUSY);
      var idle =
          cpu.lastDynaliteBusy(out.startNanos(), out.endNanos(), PipelineContender.DYNALITE_BUSY);
      if (busy.isPresent() && idle.isPresent()) {
        r.writeSeconds = (idle.getAsLong() - busy.getAsLong()) / 1e9;
        r.writeHow = "dynalite busy → idle";
        r.writeCpu = cpu.usage(busy.getAsLong(), idle.getAsLong());
      }
      if (s.verifyCounts()) {
        long counted = LocalDynamo.count(dynamo.endpoint(), "ticket_sales", 4);
        if (counted != r.items) {
          r.note += " table holds " + counted + " items";
        }
      }
    }
    return r;
  }
}
