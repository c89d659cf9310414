package dev.ticketmigration.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child {@code java} process with its output (stdout and stderr together) in a log file. Closing
 * it stops the process and everything it started (a Spark worker's executors, for example).
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** What to start: JVM flags, then the main class or {@code -jar} and its arguments. */
  static final class Spec {
    private final String name;
    private final List<String> jvmFlags = new ArrayList<>();
    private final List<String> main = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Path workDir;

    Spec(String name) {
      this.name = name;
    }

    Spec jvm(String... flags) {
      jvmFlags.addAll(List.of(flags));
      return this;
    }

    Spec jar(Path jar, List<String> args) {
      main.add("-jar");
      main.add(jar.toString());
      main.addAll(args);
      return this;
    }

    Spec mainClass(String classpath, String className, String... args) {
      main.add("-cp");
      main.add(classpath);
      main.add(className);
      main.addAll(List.of(args));
      return this;
    }

    Spec env(String key, String value) {
      env.put(key, value);
      return this;
    }

    Spec workDir(Path dir) {
      workDir = dir;
      return this;
    }

    /** Starts it, its output going to {@code logDir/<name>.log}. */
    ChildJvm start(Path logDir) {
      try {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(main);
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        if (workDir != null) {
          Files.createDirectories(workDir);
          builder.directory(workDir.toFile());
        }
        return new ChildJvm(name, builder.start(), log);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + name, e);
      }
    }
  }

  static Spec named(String name) {
    return new Spec(name);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Waits for the process to end; kills it and fails when it takes longer than {@code limit}. */
  int await(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError(
          name + " did not finish within " + limit.toSeconds() + " s; its output:\n" + tail(60));
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** The last {@code lines} lines of the output. */
  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    // children first: a Spark worker's executors, a launcher's JVM
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    tree.forEach(
        p -> {
          if (p.isAlive()) {
            p.destroyForcibly();
          }
        });
  }
}
