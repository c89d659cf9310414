package dev.ticketmigration.localdynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs dynalite (npm {@code dynalite}, pinned by this module's package-lock.json and installed by
 * the build with {@code npm ci}) on a free loopback port: in memory, or in a folder when the data
 * must outlive the process.
 *
 * <pre>{@code
 * try (Dynalite dynamo = Dynalite.start()) {
 *   String endpoint = dynamo.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class Dynalite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dynalite.class);
  private static final int MIN_NODE_MAJOR = 20;
  private static final String CLI = "node_modules/dynalite/cli.js";
  private static final long START_TIMEOUT_MS = 30_000;

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly, "stop-dynalite");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts an in-memory dynalite. */
  public static Dynalite start() {
    return start(null);
  }

  /**
   * Starts dynalite keeping its data in {@code dataDir} (LevelDB), or in memory when null.
   *
   * @throws LocalDynamoException when Node.js or dynalite is missing, or it does not come up
   */
  public static Dynalite start(Path dataDir) {
    Path cli = locateCli();
    String node = checkNode();
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(node);
    command.add(cli.toString());
    command.add("--host");
    command.add("127.0.0.1");
    command.add("--port");
    command.add(Integer.toString(port));
    // table state changes are instant: the SDK's waiters would otherwise poll for 20 s
    for (String flag : List.of("--createTableMs", "--deleteTableMs", "--updateTableMs")) {
      command.add(flag);
      command.add("0");
    }
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new LocalDynamoException(
            "cannot create the local DynamoDB folder " + dataDir + ": " + e.getMessage());
      }
      command.add("--path");
      command.add(dataDir.toAbsolutePath().toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new LocalDynamoException("cannot start the local DynamoDB: " + e.getMessage());
    }
    Dynalite dynalite = new Dynalite(process, port);
    dynalite.awaitListening();
    LOG.info("local DynamoDB (dynalite) listening at {}", dynalite.endpoint());
    return dynalite;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook stops the process
    }
  }

  private void awaitListening() {
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    if (output.length() < 4000) {
                      output.append(line).append('\n');
                    }
                  }
                  LOG.debug("dynalite: {}", line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "dynalite-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        synchronized (output) {
          throw new LocalDynamoException(
              "the local DynamoDB (dynalite) exited at start with code "
                  + process.exitValue()
                  + ": "
                  + output.toString().trim());
        }
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    close();
    throw new LocalDynamoException(
        "the local DynamoDB (dynalite) did not answer on port " + port + " within 30 s");
  }

  /** Finds dynalite's cli.js: -Ddynalite.home, $DYNALITE_HOME, or the project tree. */
  static Path locateCli() {
    return locateCli(
        System.getProperty("dynalite.home", System.getenv("DYNALITE_HOME")),
        Path.of("").toAbsolutePath());
  }

  static Path locateCli(String home, Path workingDir) {
    List<Path> candidates = new ArrayList<>();
    if (home != null) {
      candidates.add(Path.of(home).resolve(CLI));
    }
    for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("local-dynamodb").resolve(CLI));
      candidates.add(dir.resolve(CLI));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new LocalDynamoException(
        "the local DynamoDB (dynalite) is not installed: build the project once from its folder"
            + " (mvn -DskipTests package runs npm ci in local-dynamodb/), set DYNALITE_HOME to a"
            + " folder holding node_modules/dynalite, or pass --dynamoEndpoint to use another"
            + " DynamoDB");
  }

  /** Checks that Node.js 20+ is on the PATH and returns the command to run it. */
  static String checkNode() {
    return checkNode(System.getProperty("dynalite.node", "node"));
  }

  /** Checks that {@code node} runs and is version 20 or newer; returns it. */
  static String checkNode(String node) {
    String version;
    try {
      Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        version = in.readLine();
      }
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new LocalDynamoException(
          "Node.js is not on the PATH: install Node.js "
              + MIN_NODE_MAJOR
              + " or newer for the local DynamoDB, or pass --dynamoEndpoint to use another"
              + " DynamoDB");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalDynamoException("interrupted while checking the Node.js version");
    }
    Matcher m = Pattern.compile("v?(\\d+)\\.").matcher(version == null ? "" : version.trim());
    if (!m.lookingAt() || Integer.parseInt(m.group(1)) < MIN_NODE_MAJOR) {
      throw new LocalDynamoException(
          "Node.js "
              + version
              + " is too old for the local DynamoDB (dynalite needs "
              + MIN_NODE_MAJOR
              + " or newer): upgrade Node.js, or pass --dynamoEndpoint to use another DynamoDB");
    }
    return node;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LocalDynamoException("no free loopback port for the local DynamoDB: " + e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalDynamoException("interrupted while starting the local DynamoDB");
    }
  }
}
