package dev.ticketmigration.runners;

import dev.ticketmigration.runners.Migration.Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark 3.5 standalone cluster on loopback, from Maven jars alone (the classpath the
 * spark-standalone-cluster module writes): a Master and exactly one Worker (2 cores, 2 GB), in
 * separate JVMs, with a SPARK_HOME whose jars/ links those jars, as the Worker needs to launch
 * executors. Every JVM gets SPARK_LOCAL_IP=127.0.0.1 (executors inherit the Worker's environment)
 * and Spark's Java 17 module flags. Closing it stops the Worker (and its executors) and the Master;
 * the caller removes {@code dir}.
 */
final class SparkStandaloneCluster implements AutoCloseable {
  /** Where the Spark bundle carries Spark's Java 17 options (runners/spark, their one home). */
  private static final String JAVA17_OPTIONS = "spark-java17-options.txt";

  private static final Pattern ONE_ALIVE_WORKER = Pattern.compile("\"aliveworkers\"\\s*:\\s*1\\b");

  private final ChildJvm master;
  private final ChildJvm worker;
  private final int masterPort;
  private final int masterWebPort;
  private final Path workerDir;
  private final Path home;

  private SparkStandaloneCluster(
      ChildJvm master,
      ChildJvm worker,
      int masterPort,
      int masterWebPort,
      Path workerDir,
      Path home) {
    this.home = home;
    this.master = master;
    this.worker = worker;
    this.masterPort = masterPort;
    this.masterWebPort = masterWebPort;
    this.workerDir = workerDir;
  }

  /**
   * Lays out SPARK_HOME under {@code dir} and starts the Master and the Worker (does not wait: see
   * {@link #awaitReady}); their logs go to {@code logDir}.
   */
  static SparkStandaloneCluster start(List<Path> jars, Path dir, Path logDir) throws IOException {
    Path home = dir.resolve("spark-home");
    Path jarsDir = Files.createDirectories(home.resolve("jars"));
    for (Path jar : jars) {
      Files.createSymbolicLink(jarsDir.resolve(jar.getFileName()), jar);
    }
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
            ""));
    Path workerDir = Files.createDirectories(dir.resolve("work"));
    Path localDirs = Files.createDirectories(dir.resolve("local"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String classpath = conf + java.io.File.pathSeparator + jarsDir.resolve("*");
    int masterPort = Loopback.freePort();
    int masterWebPort = Loopback.freePort();
    String masterUrl = "spark://" + Loopback.HOST + ":" + masterPort;

    ChildJvm master =
        daemon("spark-master", home, dir, tmp, localDirs)
            .jvm("-Xmx512m")
            .mainClass(
                classpath,
                "org.apache.spark.deploy.master.Master",
                "--host",
                Loopback.HOST,
                "--port",
                Integer.toString(masterPort),
                "--webui-port",
                Integer.toString(masterWebPort))
            .start(logDir);
    ChildJvm worker =
        daemon("spark-worker", home, dir, tmp, localDirs)
            .jvm("-Xmx512m")
            .mainClass(
                classpath,
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                Loopback.HOST,
                "--port",
                Integer.toString(Loopback.freePort()),
                "--webui-port",
                Integer.toString(Loopback.freePort()),
                "--cores",
                "2",
                "--memory",
                "2g",
                "--work-dir",
                workerDir.toString(),
                masterUrl)
            .start(logDir);
    return new SparkStandaloneCluster(master, worker, masterPort, masterWebPort, workerDir, home);
  }

  private static ChildJvm.Spec daemon(String name, Path home, Path dir, Path tmp, Path localDirs) {
    return ChildJvm.named(name)
        .workDir(dir)
        .env("SPARK_HOME", home.toString())
        .env("SPARK_SCALA_VERSION", "2.12")
        .env("SPARK_LOCAL_IP", Loopback.HOST)
        .env("SPARK_LOCAL_DIRS", localDirs.toString())
        .env("SPARK_CONF_DIR", home.resolve("conf").toString())
        .jvm(java17Flags().toArray(new String[0]))
        .jvm("-Djava.io.tmpdir=" + tmp);
  }

  /**
   * Spark's Java 17 module options (JavaModuleOptions.defaultModuleOptions() of Spark 3.5.0), as
   * the Spark bundle carries them.
   */
  static List<String> java17Flags() {
    try (JarFile jar = new JarFile(Bundle.SPARK.jar().toFile())) {
      JarEntry entry = jar.getJarEntry(JAVA17_OPTIONS);
      if (entry == null) {
        throw new IllegalStateException(Bundle.SPARK.jar() + " has no " + JAVA17_OPTIONS);
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + JAVA17_OPTIONS + " from the Spark bundle", e);
    }
  }

  /** Waits until the Master counts one alive Worker. */
  void awaitReady(Duration limit) throws InterruptedException {
    Http.awaitBody(
        masterJsonUrl(),
        body -> ONE_ALIVE_WORKER.matcher(body).find(),
        limit,
        () -> master.isAlive() && worker.isAlive(),
        this::diagnostics);
  }

  /** The SPARK_HOME folder: jars/ (links to the Maven jars) and conf/. */
  Path home() {
    return home;
  }

  /** {@code spark://127.0.0.1:<port>}, the value of --sparkMaster. */
  String masterUrl() {
    return "spark://" + Loopback.HOST + ":" + masterPort;
  }

  /** The Master's state as JSON (workers, running and completed applications). */
  String masterState() {
    return Http.get(masterJsonUrl());
  }

  private String masterJsonUrl() {
    return "http://" + Loopback.HOST + ":" + masterWebPort + "/json/";
  }

  List<ChildJvm> processes() {
    return List.of(master, worker);
  }

  /** The processes' log tails and the executors' stderr (in the worker's folder). */
  String diagnostics() {
    List<String> parts = new ArrayList<>();
    for (ChildJvm jvm : processes()) {
      parts.add("--- " + jvm.name() + " (alive: " + jvm.isAlive() + "), last lines:");
      parts.add(jvm.tail(30));
    }
    try (Stream<Path> files = Files.walk(workerDir)) {
      for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        List<String> lines = Files.readAllLines(stderr);
        parts.add("--- executor " + workerDir.relativize(stderr) + ", last lines:");
        parts.add(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
    } catch (IOException e) {
      parts.add("(no executor logs: " + e + ")");
    }
    return String.join("\n", parts);
  }

  @Override
  public void close() {
    worker.close();
    master.close();
    // the links into the Maven repository: removing them here keeps the temporary folder's
    // cleanup from reaching outside it (JUnit would only warn, but say so for every jar)
    try (Stream<Path> links = Files.list(home.resolve("jars"))) {
      for (Path link : links.toList()) {
        Files.deleteIfExists(link);
      }
    } catch (IOException e) {
      // the folder is removed with the rest
    }
  }
}
