package dev.ticketmigration.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The console lines and the Markdown results of a benchmark run. */
final class Report {
  private Report() {}

  static final String BEGIN = "<!-- benchmark-results:begin -->";
  static final String END = "<!-- benchmark-results:end -->";

  static void line(PrintStream log, Result r) {
    StringBuilder b = new StringBuilder();
    b.append(Benchmark.fmt("  %-44s %-8s wall %7.1f s", r.name(), r.status, r.wallSeconds));
    if (!Double.isNaN(r.readRate())) { // the hand-written migrator reads while it writes: no rate
      b.append(Benchmark.fmt(", read %,9.0f rows/s", r.readRate()));
    }
    if (r.items > 0) {
      b.append(Benchmark.fmt(", %,d items, write %,7.0f items/s", r.items, r.writeRate()));
    }
    if (!Double.isNaN(r.writeCpu.dynalite())) {
      b.append(Benchmark.fmt(", dynalite %.2f cores", r.writeCpu.dynalite()));
    }
    if (!r.note.isBlank()) {
      b.append(" [").append(r.note.trim()).append(']');
    }
    log.println(b);
  }

  static String markdown(
      String started,
      String command,
      String machine,
      List<Result> all,
      List<String> notes,
      Benchmark.Settings s,
      int parallelism) {
    StringBuilder md = new StringBuilder();
    md.append("### Run of ").append(started).append("\n\n");
    md.append("- Command (from the project folder): `").append(command).append("`\n");
    md.append("- Machine: ").append(machine).append('\n');
    md.append("- Child JVMs (pipelines, hand-written migrator): `-Xmx")
        .append(s.heap())
        .append("`; Flink `--parallelism=")
        .append(parallelism)
        .append("`, Spark `local[")
        .append(parallelism)
        .append("]`; the pipelines migrate the two ticket tables only")
        .append(" (`--tables=sporting_event_ticket,ticket_purchase_hist`)");
    if (!s.pipelineArgs().isEmpty()) {
      md.append(" with `").append(String.join(" ", s.pipelineArgs())).append('`');
    }
    md.append(".\n");
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    md.append('\n');

    Set<Long> sizes = new TreeSet<>();
    all.forEach(r -> sizes.add(r.tickets));
    for (long size : sizes) {
      md.append(Benchmark.fmt("#### %,d tickets%n%n", size));
      md.append(
          "| contender | status | rows read | items written | wall s | read s | shuffle s"
              + " | write s | read rows/s | write items/s | dynalite cores while writing | peak RSS MB"
              + " / max heap after young GC MB / full GCs | load 1 min before → after | note |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
      for (Result r : all) {
        if (r.tickets != size) {
          continue;
        }
        md.append("| ")
            .append(r.name())
            .append(" | ")
            .append(r.status)
            .append(" | ")
            .append(r.rows > 0 ? Benchmark.fmt("%,d", r.rows) : "")
            .append(" | ")
            .append(r.items > 0 ? Benchmark.fmt("%,d", r.items) : "")
            .append(" | ")
            .append(num(r.wallSeconds, "%.1f"))
            .append(" | ")
            .append(num(r.readSeconds, "%.1f"))
            .append(" | ")
            .append(num(r.shuffleSeconds, "%.1f"))
            .append(" | ")
            .append(num(r.writeSeconds, "%.1f"))
            .append(" | ")
            .append(num(r.readRate(), "%,.0f"))
            .append(" | ")
            .append(num(r.writeRate(), "%,.0f"))
            .append(" | ")
            .append(num(r.writeCpu.dynalite(), "%.2f"))
            .append(" | ")
            .append(
                r.peakRssBytes > 0
                    ? Benchmark.fmt(
                        "%d / %s / %s",
                        r.peakRssBytes >> 20,
                        r.maxHeapAfterGcMb >= 0 ? Long.toString(r.maxHeapAfterGcMb) : "?",
                        r.fullGcs >= 0 ? Long.toString(r.fullGcs) : "?")
                    : "")
            .append(" | ")
            .append(Benchmark.fmt("%.2f → %.2f", r.loadBefore, r.loadAfter))
            .append(" | ")
            .append(note(r))
            .append(" |\n");
      }
      md.append('\n');
      md.append(
          Benchmark.fmt(
              "CPU by phase (average cores of the machine's %d; \"others\" is"
                  + " every other process on the machine):%n%n",
              Runtime.getRuntime().availableProcessors()));
      md.append(
          "| contender | phase | seconds | dynalite | contender JVM | PostgreSQL | others |"
              + " machine busy |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
      for (Result r : all) {
        if (r.tickets != size || !r.ok()) {
          continue;
        }
        phaseRow(md, r, "read", r.readCpu);
        phaseRow(md, r, "shuffle", r.shuffleCpu);
        phaseRow(md, r, "write", r.writeCpu);
        if (r.contender.equals("pipeline") || r.contender.equals("hand-written")) {
          phaseRow(md, r, "whole run", r.wholeCpu);
        }
      }
      md.append('\n');
    }

    md.append("#### Ratios\n\n");
    md.append(
        "| tickets | runner | sink: pipeline write ÷ best loader (≥ 0.8) | sink per"
            + " dynalite CPU-second: pipeline ÷ loader | source: read stage alone (--mode=READ) ÷"
            + " best scan (≥ 0.8) | read phase inside the migration (with the shuffle's"
            + " serialisation) ÷ best scan | hand-written ÷ pipeline end-to-end (≥ 1.0) | where the"
            + " pipeline's time went |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---|\n");
    for (long size : sizes) {
      double loader = best(all, size, "loader", Result::writeRate, true);
      double scan = best(all, size, "jdbc scan", Result::readRate, false);
      double loaderPerCpu = best(all, size, "loader", Report::perDynaliteSecond, true);
      Optional<Result> hand =
          all.stream()
              .filter(r -> r.tickets == size && r.contender.equals("hand-written") && r.ok())
              .findFirst();
      for (Result p : all) {
        if (p.tickets != size || !p.contender.equals("pipeline")) {
          continue;
        }
        if (!p.ok()) {
          md.append(Benchmark.fmt("| %,d | %s | %s | | | | | |%n", size, p.variant, p.status));
          continue;
        }
        Optional<Result> readOnly =
            all.stream()
                .filter(
                    r ->
                        r.tickets == size
                            && r.ok()
                            && r.variant.equals(p.variant)
                            && r.contender.equals(PipelineContender.READ_ONLY))
                .findFirst();
        md.append(
            Benchmark.fmt(
                "| %,d | %s | %s | %s | %s | %s | %s | %s |%n",
                size,
                p.variant,
                ratio(p.writeRate(), loader, Benchmark.fmt("%,.0f ÷ %,.0f", p.writeRate(), loader)),
                ratio(
                    perDynaliteSecond(p),
                    loaderPerCpu,
                    Benchmark.fmt("%,.0f ÷ %,.0f", perDynaliteSecond(p), loaderPerCpu)),
                readOnly
                    .map(
                        ro ->
                            ratio(
                                ro.readRate(),
                                scan,
                                Benchmark.fmt("%,.0f ÷ %,.0f", ro.readRate(), scan)))
                    .orElse("n/a"),
                ratio(p.readRate(), scan, Benchmark.fmt("%,.0f ÷ %,.0f", p.readRate(), scan)),
                hand.map(
                        h ->
                            ratio(
                                h.wallSeconds,
                                p.wallSeconds,
                                Benchmark.fmt("%.1f s ÷ %.1f s", h.wallSeconds, p.wallSeconds)))
                    .orElse("n/a"),
                binding(p)));
      }
    }
    md.append('\n');

    md.append("#### Scaling: end-to-end seconds per million tickets\n\n");
    List<String> names =
        new ArrayList<>(
            new LinkedHashSet<>(
                all.stream()
                    .filter(
                        r ->
                            r.ok()
                                && (r.contender.equals("pipeline")
                                    || r.contender.equals("hand-written")
                                    || (r.contender.equals("loader")
                                        && r.variant.contains("best"))))
                    .map(
                        r ->
                            r.contender.equals("loader")
                                ? "loader (best)"
                                : r.contender.equals("pipeline")
                                    ? "pipeline " + r.variant
                                    : r.contender)
                    .toList()));
    md.append("| contender |");
    sizes.forEach(sz -> md.append(Benchmark.fmt(" %,d |", sz)));
    md.append(" largest ÷ 1M figure |\n|---|");
    sizes.forEach(sz -> md.append("---:|"));
    md.append("---:|\n");
    for (String name : names) {
      md.append("| ").append(name).append(" |");
      Map<Long, Double> perMillion = new LinkedHashMap<>();
      for (long size : sizes) {
        Optional<Result> r =
            all.stream()
                .filter(
                    x ->
                        x.tickets == size
                            && x.ok()
                            && (name.equals("loader (best)")
                                ? x.contender.equals("loader") && x.variant.contains("best")
                                : name.equals(
                                    x.contender.equals("pipeline")
                                        ? "pipeline " + x.variant
                                        : x.contender)))
                .findFirst();
        r.ifPresent(x -> perMillion.put(size, x.secondsPerMillionTickets()));
        md.append(' ')
            .append(r.map(x -> num(x.secondsPerMillionTickets(), "%.0f")).orElse(""))
            .append(" |");
      }
      Long oneMillion =
          perMillion.keySet().stream()
              .min(Comparator.comparingLong(sz -> Math.abs(sz - 1_000_000)))
              .orElse(null);
      String worst = "";
      if (oneMillion != null && Math.abs(oneMillion - 1_000_000) <= 200_000) {
        double ref = perMillion.get(oneMillion);
        double max =
            perMillion.values().stream().mapToDouble(Double::doubleValue).max().orElse(ref);
        worst = num(max / ref, "%.2f");
      }
      md.append(' ').append(worst).append(" |\n");
    }
    md.append('\n');
    md.append("#### Memory\n\n");
    md.append(
        "| tickets | contender | -Xmx | outcome | peak RSS MB | max heap after young GC MB"
            + " (upper bound of live data) | full GCs |\n");
    md.append("|---:|---|---|---|---:|---:|---:|\n");
    for (Result r : all) {
      if (r.heap.isEmpty()) {
        continue;
      }
      md.append(
          Benchmark.fmt(
              "| %,d | %s | %s | %s | %s | %s | %s |%n",
              r.tickets,
              r.name(),
              r.heap,
              r.status,
              r.peakRssBytes > 0 ? Long.toString(r.peakRssBytes >> 20) : "",
              r.maxHeapAfterGcMb >= 0 ? Long.toString(r.maxHeapAfterGcMb) : "",
              r.fullGcs >= 0 ? Long.toString(r.fullGcs) : ""));
    }
    md.append('\n');
    return md.toString();
  }

  private static void phaseRow(StringBuilder md, Result r, String phase, CpuSampler.Usage u) {
    if (u.seconds() <= 0 || Double.isNaN(u.machine())) {
      return;
    }
    md.append(
        Benchmark.fmt(
            "| %s | %s | %.1f | %s | %s | %s | %s | %s |%n",
            r.name(),
            phase,
            u.seconds(),
            num(u.dynalite(), "%.2f"),
            num(u.contender(), "%.2f"),
            num(u.postgres(), "%.2f"),
            num(u.others(), "%.2f"),
            num(u.machine(), "%.2f")));
  }

  /** Which phase took the run's time, and whether dynalite was saturated while writing. */
  static String binding(Result p) {
    double read = p.readSeconds;
    double write = p.writeSeconds;
    double wall = p.wallSeconds;
    double dyn = p.writeCpu.dynalite();
    double shuffle = Double.isNaN(p.shuffleSeconds) ? 0 : p.shuffleSeconds;
    String s =
        Benchmark.fmt(
            "read %.0f%% / shuffle %.0f%% / write %.0f%% / start-up and rest %.0f%% of wall",
            100 * read / wall,
            100 * shuffle / wall,
            100 * write / wall,
            100 * Math.max(0, wall - read - shuffle - write) / wall);
    if (!Double.isNaN(dyn)) {
      s += Benchmark.fmt("; dynalite %.2f cores while writing", dyn);
    }
    return s;
  }

  /** Items written per second of dynalite CPU: the sink's cost per item, robust to load. */
  static double perDynaliteSecond(Result r) {
    double cpuSeconds = r.writeCpu.dynalite() * r.writeSeconds;
    return r.items > 0 && cpuSeconds > 0 ? r.items / cpuSeconds : Double.NaN;
  }

  /** The best rate of a contender; for the loader, of its full runs at the best thread count. */
  private static double best(
      List<Result> all,
      long size,
      String contender,
      java.util.function.ToDoubleFunction<Result> rate,
      boolean preferBestFull) {
    if (preferBestFull) {
      double full =
          all.stream()
              .filter(
                  r ->
                      r.tickets == size
                          && r.contender.equals(contender)
                          && r.ok()
                          && r.variant.contains("best"))
              .mapToDouble(rate)
              .filter(v -> !Double.isNaN(v))
              .max()
              .orElse(Double.NaN);
      if (!Double.isNaN(full)) {
        return full;
      }
    }
    return all.stream()
        .filter(r -> r.tickets == size && r.contender.equals(contender) && r.ok())
        .mapToDouble(rate)
        .filter(v -> !Double.isNaN(v))
        .max()
        .orElse(Double.NaN);
  }

  private static String ratio(double a, double b, String detail) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "n/a";
    }
    return Benchmark.fmt("**%.2f** (%s)", a / b, detail);
  }

  private static String num(double v, String pattern) {
    return Double.isNaN(v) ? "" : Benchmark.fmt(pattern, v);
  }

  private static String note(Result r) {
    List<String> parts = new ArrayList<>();
    if (!r.readHow.isBlank() && r.contender.startsWith("pipeline")) {
      parts.add("read: " + r.readHow);
    }
    if (!r.writeHow.isBlank() && !r.contender.equals("loader")) {
      parts.add("write: " + r.writeHow);
    }
    if (!Double.isNaN(r.pipelineSeconds)) {
      parts.add(Benchmark.fmt("pipeline_seconds %.1f", r.pipelineSeconds));
    }
    if (!r.note.isBlank()) {
      parts.add(r.note.trim().replace("|", "/"));
    }
    return String.join("; ", parts);
  }

  /** Puts the results between the markers of an existing file, or appends/creates. */
  static void write(Path out, String markdown) throws IOException {
    write(out, markdown, BEGIN, END);
  }

  /** Writes {@code markdown} between {@code begin} and {@code end} of {@code out} (or appends). */
  static void write(Path out, String markdown, String begin, String end) throws IOException {
    String block = begin + "\n" + markdown + end + "\n";
    if (Files.isRegularFile(out)) {
      String text = Files.readString(out);
      int b = text.indexOf(begin);
      int e = text.indexOf(end);
      if (b >= 0 && e > b) {
        text =
            text.substring(0, b) + block + text.substring(e + end.length()).replaceFirst("^\n", "");
      } else {
        text = text + (text.endsWith("\n") ? "\n" : "\n\n") + block;
      }
      Benchmark.writeString(out, text);
    } else {
      Benchmark.writeString(out, block);
    }
  }
}
