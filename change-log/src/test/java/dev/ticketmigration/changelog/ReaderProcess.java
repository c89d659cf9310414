package dev.ticketmigration.changelog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reader in a JVM of its own, for killing: prints {@code STARTED}, then one {@code KEY <table
 * OPERATION [key]>} line per dirty key, flushed before its batch is confirmed (the line stands for
 * the rebuild a sync would write). The parent side ({@link #launch}) collects the lines.
 */
final class ReaderProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Thread pump;

  private ReaderProcess(Process process) {
    this.process = process;
    this.pump =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process was killed
              }
            },
            "reader-process-output");
    pump.setDaemon(true);
    pump.start();
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (ChangeLogReader reader =
        ChangeLogReader.builder()
            .jdbcUrl(args[0])
            .schema(args[1])
            .slotName(args[2])
            .publicationName(args[3])
            .offsetDirectory(Path.of(args[4]))
            .maxBatchSize(3)
            .heartbeatInterval(Duration.ofMillis(300))
            .slotWaitTimeout(Duration.ofSeconds(15))
            .build()) {
      reader.start();
      out.println("STARTED");
      out.flush();
      while (true) {
        ChangeBatch batch = reader.poll(Duration.ofSeconds(1));
        if (batch != null) {
          batch
              .keys()
              .forEach(key -> out.println("KEY " + TestSource.describe(key) + " @" + key.lsn()));
          out.flush();
          reader.confirm(batch);
        }
      }
    }
  }

  /** Starts a reader process on the source's slot and offsets; waits for {@code STARTED}. */
  static ReaderProcess launch(TestSource source, Path offsets, Path log) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ReaderProcess.class.getName(),
            source.url,
            source.schema,
            source.slot(),
            source.publication(),
            offsets.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ReaderProcess reader = new ReaderProcess(process);
    reader.await(lines -> lines.contains("STARTED"), "STARTED", log);
    return reader;
  }

  /** The dirty keys printed so far, as {@link TestSource#describe} text. */
  List<String> keys() {
    synchronized (lines) {
      return lines.stream()
          .filter(l -> l.startsWith("KEY "))
          .map(l -> l.substring(4, l.lastIndexOf(" @")))
          .toList();
    }
  }

  /** The position of the first dirty key printed. */
  long firstLsn() {
    synchronized (lines) {
      String first = lines.stream().filter(l -> l.startsWith("KEY ")).findFirst().orElseThrow();
      return Long.parseLong(first.substring(first.lastIndexOf(" @") + 2));
    }
  }

  void await(java.util.function.Predicate<List<String>> done, String what, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      synchronized (lines) {
        if (done.test(lines)) {
          return;
        }
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "the reader process "
                + (process.isAlive() ? "printed no " + what + " in 60 s" : "exited")
                + "; its log:\n"
                + java.nio.file.Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  /** SIGKILL: no shutdown hook, no last offset flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    pump.join(5_000);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
