package dev.ticketmigration.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A contender in its own JVM: started, its output lines time-stamped on arrival (nanoTime) and
 * copied to a log file, killed with all its descendants when it overruns its time limit.
 */
final class ChildRun {
  /** One output line and when it arrived. */
  record Line(long nanos, String text) {}

  /** How it ended. */
  record Outcome(
      int exitCode, boolean timedOut, long startNanos, long endNanos, List<Line> lines, Path log) {
    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  private ChildRun() {}

  static Outcome run(
      List<String> command,
      Path workDir,
      Map<String, String> env,
      Path log,
      long timeoutSeconds,
      Consumer<Process> onStart,
      Consumer<String> echo)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().remove("SOURCE_PASSWORD");
    pb.environment().putAll(env);
    Files.createDirectories(log.getParent());
    List<Line> lines = new ArrayList<>();
    long start = System.nanoTime();
    Process process = pb.start();
    onStart.accept(process);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                out.println("# " + String.join(" ", command));
                String line;
                while ((line = in.readLine()) != null) {
                  long now = System.nanoTime();
                  synchronized (lines) {
                    lines.add(new Line(now, line));
                  }
                  out.printf("%8.3f %s%n", (now - start) / 1e9, line);
                  out.flush(); // a line a second or so: the log can be followed while it runs
                  echo.accept(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    long end = System.nanoTime();
    if (!finished) {
      kill(process);
    }
    reader.join(10_000);
    synchronized (lines) {
      return new Outcome(
          finished ? process.exitValue() : -1, !finished, start, end, new ArrayList<>(lines), log);
    }
  }

  /** Stops a process and everything it started (its own children first). */
  static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
