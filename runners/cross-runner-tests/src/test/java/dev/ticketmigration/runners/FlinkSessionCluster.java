package dev.ticketmigration.runners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink 1.19 standalone session cluster on loopback, from Maven jars alone (the classpath the
 * flink-session-cluster module writes): one JobManager ({@code StandaloneSessionClusterEntrypoint})
 * and one TaskManager with two slots, separate JVMs, every port free-picked and bound to 127.0.0.1.
 * The configuration sets what Flink's shell scripts would: every TaskManager memory component, log
 * files, the Java 17 module flags of the distribution's default configuration. Closing it stops
 * both JVMs; the caller removes {@code dir}.
 */
final class FlinkSessionCluster implements AutoCloseable {
  /** The env.java.opts.all of Flink 1.19's default configuration (Java 17). */
  private static final List<String> JAVA17_FLAGS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final ChildJvm jobManager;
  private final ChildJvm taskManager;
  private final int restPort;
  private final Path confDir;

  private FlinkSessionCluster(
      ChildJvm jobManager, ChildJvm taskManager, int restPort, Path confDir) {
    this.jobManager = jobManager;
    this.taskManager = taskManager;
    this.restPort = restPort;
    this.confDir = confDir;
  }

  /**
   * Starts the JobManager and the TaskManager (does not wait: see {@link #awaitReady}); their logs
   * go to {@code logDir}, everything else under {@code dir}.
   */
  static FlinkSessionCluster start(String classpath, Path dir, Path logDir) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    int restPort = Loopback.freePort();
    List<String> config =
        List.of(
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + Loopback.freePort(),
            "jobmanager.bind-host: 127.0.0.1",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "blob.server.port: " + Loopback.freePort(),
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.rpc.port: " + Loopback.freePort(),
            "taskmanager.data.port: " + Loopback.freePort(),
            "taskmanager.numberOfTaskSlots: 2",
            "parallelism.default: 2",
            // the user jar is loaded child-first, Flink's own packages parent-first (the default)
            "classloader.resolve-order: child-first",
            // what the shell scripts would compute and pass: every TaskManager memory component
            "taskmanager.cpu.cores: 2",
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.task.heap.size: 512m",
            "taskmanager.memory.framework.off-heap.size: 128m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.managed.size: 128m",
            // Beam's batch plan chains many operators into each slot: 512 buffers of 32 KB and
            // more are needed (64m was "Insufficient number of network buffers")
            "taskmanager.memory.network.min: 256m",
            "taskmanager.memory.network.max: 256m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 192m",
            "taskmanager.memory.jvm-overhead.max: 192m",
            "jobmanager.memory.process.size: 1024m",
            "io.tmp.dirs: " + Files.createDirectories(dir.resolve("tmp")),
            "blob.storage.directory: " + Files.createDirectories(dir.resolve("blobs")),
            "web.tmpdir: " + Files.createDirectories(dir.resolve("web")),
            "");
    Files.write(conf.resolve("flink-conf.yaml"), config);
    Files.writeString(
        conf.resolve("log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.type = File",
            "appender.file.name = file",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.append = false",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
            ""));
    Files.createDirectories(logDir);
    ChildJvm jobManager =
        daemon("flink-jobmanager", dir, logDir, conf)
            .jvm("-Xms512m", "-Xmx512m", "-XX:MaxMetaspaceSize=256m")
            .mainClass(
                classpath,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir",
                conf.toString())
            .start(logDir);
    ChildJvm taskManager =
        daemon("flink-taskmanager", dir, logDir, conf)
            // heap: framework + task heap; direct: framework + task off-heap + network
            .jvm(
                "-Xms640m", "-Xmx640m", "-XX:MaxDirectMemorySize=384m", "-XX:MaxMetaspaceSize=256m")
            .mainClass(
                classpath,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir",
                conf.toString())
            .start(logDir);
    return new FlinkSessionCluster(jobManager, taskManager, restPort, conf);
  }

  private static ChildJvm.Spec daemon(String name, Path dir, Path logDir, Path conf) {
    return ChildJvm.named(name)
        .workDir(dir)
        .env("FLINK_CONF_DIR", conf.toString())
        .jvm(JAVA17_FLAGS.toArray(new String[0]))
        .jvm(
            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
            "-Dlog.file=" + logDir.resolve(name + "-flink.log"),
            "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"));
  }

  /** Waits until the TaskManager has registered its two slots with the JobManager. */
  void awaitReady(Duration limit) throws InterruptedException {
    Http.awaitBody(
        restUrl() + "/overview",
        body -> body.contains("\"taskmanagers\":1") && body.contains("\"slots-total\":2"),
        limit,
        () -> jobManager.isAlive() && taskManager.isAlive(),
        this::diagnostics);
  }

  /** {@code 127.0.0.1:<rest port>}, the value of --flinkMaster. */
  String master() {
    return Loopback.HOST + ":" + restPort;
  }

  String restUrl() {
    return "http://" + master();
  }

  Path confDir() {
    return confDir;
  }

  /** The REST answer listing the jobs with their states. */
  String jobsOverview() {
    return Http.get(restUrl() + "/jobs/overview");
  }

  List<ChildJvm> processes() {
    return List.of(jobManager, taskManager);
  }

  String diagnostics() {
    List<String> parts = new ArrayList<>();
    for (ChildJvm jvm : processes()) {
      parts.add("--- " + jvm.name() + " (alive: " + jvm.isAlive() + "), last lines of its log:");
      Path flinkLog = jvm.log().resolveSibling(jvm.name() + "-flink.log");
      parts.add(tail(flinkLog, 30));
      parts.add(jvm.tail(20));
    }
    return String.join("\n", parts);
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  @Override
  public void close() {
    taskManager.close();
    jobManager.close();
  }
}
