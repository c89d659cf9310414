package dev.ticketmigration.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark program end to end at a tiny size, so the test command compiles and runs it: the
 * plain JDBC scan, the plain loader, the hand-written migrator and the migration on the direct
 * bundle, on a schema of the local PostgreSQL of its own, dropped afterwards. It checks that every
 * contender finished with the same counts and that the ratios were printed; the figures themselves
 * mean nothing at this size (the full run is manual: docs/benchmarks.md).
 */
class BenchmarkSmokeTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String PG_USER = "postgres";
  private static final long TICKETS = 500;
  private static final String DIRECT_BUNDLE = "runners/direct/target/ticket-migration-direct.jar";

  /** A row of the ratios table for the direct runner. */
  private static final Pattern RATIO_ROW =
      Pattern.compile("(?m)^\\| [\\d,]+ \\| direct \\| (.*) \\|$");

  private static final Pattern RATIO = Pattern.compile("^\\*\\*(\\d+\\.\\d+)\\*\\*");

  private final String schemaPrefix =
      "bench_smoke_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";

  @AfterEach
  void dropSchema() throws Exception {
    SourceData.drop(PG_URL, PG_USER, schemaPrefix + TICKETS);
  }

  @Test
  void runsEveryContenderAtATinySize() throws Exception {
    Path project = Benchmark.projectDir();
    assertTrue(
        Files.isRegularFile(project.resolve(DIRECT_BUNDLE)),
        DIRECT_BUNDLE
            + " is missing: build it first (mvn verify at the root, or"
            + " mvn -pl benchmarks -am verify)");
    // in target/, not a temp dir: the contenders' logs are there when it fails
    Path workDir = Path.of("target", "smoke", schemaPrefix).toAbsolutePath();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(new Tee(System.out, printed), true, StandardCharsets.UTF_8);

    List<Result> results =
        Benchmark.run(
            new String[] {
              "--tickets=" + TICKETS,
              "--runners=direct",
              // the read-only run ("source") would add a third of the time and no code path
              "--contenders=scan,loader,handwritten,pipeline",
              "--scanThreads=2",
              "--loaderThreads=2",
              "--heap=512m",
              "--repeatReferences=false",
              "--timeoutMinutes=3",
              "--pgUrl=" + PG_URL,
              "--pgUser=" + PG_USER,
              "--schemaPrefix=" + schemaPrefix,
              "--workDir=" + workDir
            },
            log);

    assertEquals(
        Set.of("jdbc scan", "loader", "hand-written", "pipeline"),
        results.stream().map(r -> r.contender).collect(Collectors.toSet()));
    for (Result r : results) {
      assertEquals("ok", r.status, r.name() + ": " + r.note);
      assertTrue(r.wallSeconds > 0, r.name() + " wall seconds " + r.wallSeconds);
    }
    // every reader read the same rows (tickets + history), every writer wrote the same items
    Set<Long> rows = new TreeSet<>();
    Set<Long> items = new TreeSet<>();
    for (Result r : results) {
      if (!r.contender.equals("loader")) {
        rows.add(r.rows);
      }
      if (!r.contender.equals("jdbc scan")) {
        items.add(r.items);
      }
    }
    assertEquals(1, rows.size(), "rows read by the contenders: " + rows);
    assertTrue(rows.iterator().next() > TICKETS, "rows read: " + rows);
    assertEquals(1, items.size(), "items written by the contenders: " + items);
    assertTrue(items.iterator().next() >= TICKETS / 2, "items written: " + items);

    String output = printed.toString(StandardCharsets.UTF_8);
    Matcher row = RATIO_ROW.matcher(output);
    assertTrue(row.find(), "no ratios row for the direct runner in:\n" + output);
    String[] cells = row.group(1).split(" \\| ");
    // sink (write ÷ best loader) and end to end (hand-written ÷ pipeline); the read phase of so
    // few rows can fall between two progress lines
    List<Double> ratios = new ArrayList<>();
    for (int column : new int[] {0, 4}) {
      Matcher m = RATIO.matcher(cells[column]);
      assertTrue(
          m.find(), "ratio column " + column + " is '" + cells[column] + "' in " + row.group());
      ratios.add(Double.parseDouble(m.group(1)));
    }
    assertTrue(ratios.stream().allMatch(v -> v > 0), "ratios " + ratios + " in " + row.group());
    String markdown = Files.readString(workDir.resolve("results.md"));
    assertTrue(markdown.startsWith(Report.BEGIN) && markdown.contains("#### Ratios"), markdown);
  }

  /** The benchmark reaches production code through its public API only, never its packages. */
  @Test
  void everyClassLivesInTheBenchmarksPackage() throws Exception {
    Path classes =
        Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      List<String> outside =
          files
              .map(f -> classes.relativize(f).toString().replace('\\', '/'))
              .filter(name -> name.endsWith(".class"))
              .filter(name -> !name.startsWith("dev/ticketmigration/benchmarks/"))
              .toList();
      assertEquals(List.of(), outside);
    }
  }

  /** The benchmark's lines on the console as they come, and kept for the assertions. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
