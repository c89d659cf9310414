package dev.ticketmigration.changelog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Test fixture: a private PostgreSQL 15 with a logical change log ({@code wal_level=logical}) on a
 * free loopback port, started from the installed server binaries in a fresh folder under {@code
 * /tmp} and removed on {@link #close}. The machine's own server (5432, {@code wal_level=replica})
 * is never touched. As root the server runs as the {@code postgres} user ({@code initdb} refuses
 * root); otherwise as the current user. {@code -Dchangelog.postgres.bin=DIR} names another {@code
 * bin} folder.
 */
public final class PrivatePostgres implements AutoCloseable {
  private static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final String SERVER_USER = "postgres";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asRoot;
  private final Thread stopOnExit;

  private PrivatePostgres(Path bin, Path dataDir, int port, boolean asRoot) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asRoot = asRoot;
    this.stopOnExit = new Thread(this::stopQuietly, "stop-private-postgres-" + port);
  }

  /** Creates and starts a fresh instance; fails with one message when the binaries are missing. */
  public static PrivatePostgres start() throws IOException, InterruptedException {
    Path bin = Path.of(System.getProperty("changelog.postgres.bin", DEFAULT_BIN.toString()));
    if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
      throw new IllegalStateException(
          "the change-log tests start a private PostgreSQL 15 from its server binaries, but "
              + bin
              + " has no initdb and pg_ctl: install the server (apt-get install postgresql-15) or"
              + " name its bin folder with -Dchangelog.postgres.bin=DIR");
    }
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "changelog-pg-");
    if (asRoot) {
      UserPrincipal owner =
          dataDir
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(SERVER_USER);
      Files.setOwner(dataDir, owner);
    }
    PrivatePostgres server = new PrivatePostgres(bin, dataDir, freePort(), asRoot);
    server.run(
        "initdb", "-D", dataDir.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "-N");
    server.run(
        "pg_ctl",
        "-D",
        dataDir.toString(),
        "-l",
        dataDir.resolve("server.log").toString(),
        "-o",
        "-p "
            + server.port
            + " -c wal_level=logical -c listen_addresses=127.0.0.1 -k "
            + dataDir
            + " -c fsync=off -c max_connections=50",
        "-w",
        "start");
    Runtime.getRuntime().addShutdownHook(server.stopOnExit);
    return server;
  }

  public int port() {
    return port;
  }

  /** The {@code postgres} database (user {@code postgres}, no password: trust on loopback). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // the hook runs anyway
    }
    run("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
    deleteDataDir();
  }

  private void stopQuietly() {
    try {
      run("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
      deleteDataDir();
    } catch (IOException | InterruptedException | RuntimeException e) {
      // best effort at JVM exit
    }
  }

  private void deleteDataDir() throws IOException {
    deleteTree(dataDir);
  }

  private void run(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    runProcess(command, this::serverLog);
  }

  /**
   * Runs a server tool to its end (60 s at most) in {@code /tmp}; a failure names the command, its
   * output and {@code context} (such as the server's log).
   */
  static void runProcess(List<String> command, Supplier<String> context)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("changelog-server-", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(Path.of("/tmp").toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed (exit "
                + process.exitValue()
                + "): "
                + Files.readString(output, StandardCharsets.UTF_8).strip()
                + context.get());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Deletes a server's folder with all it holds. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private String serverLog() {
    Path log = dataDir.resolve("server.log");
    try {
      return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
