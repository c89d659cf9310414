package dev.ticketmigration.changelog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a private MariaDB writing a ROW binary log with full row images, on a free loopback
 * port, from the installed server binaries in a fresh folder under {@code /tmp}, removed on {@link
 * #close}. The machine's own server (3306, no binary log) is never touched.
 *
 * <p>It announces itself as MySQL 5.7.19 ({@code --version}): Debezium 3.6's MySQL connector reads
 * MariaDB 10.11's version as a MySQL newer than 8.4 and asks for {@code SHOW BINARY LOG STATUS},
 * which MariaDB lacks, and Debezium's own MariaDB connector is not served here. Below that name the
 * binary log is MariaDB's, served over the replication protocol MySQL's replicas speak: the tests
 * follow a real binary log with the connector a MySQL source uses. {@code
 * -Dchangelog.mariadb.bin=DIR} names another folder holding {@code mariadbd} and {@code
 * mariadb-install-db}.
 */
public final class PrivateMariaDb implements AutoCloseable {
  private static final Path DEFAULT_BIN = Path.of("/usr/sbin");
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

  private final Path dataDir;
  private final int port;
  private final Process server;
  private final Thread stopOnExit;

  private PrivateMariaDb(Path dataDir, int port, Process server) {
    this.dataDir = dataDir;
    this.port = port;
    this.server = server;
    this.stopOnExit = new Thread(this::stopQuietly, "stop-private-mariadb-" + port);
  }

  /** Creates and starts a fresh instance; fails with one message when the binaries are missing. */
  public static PrivateMariaDb start() throws IOException, InterruptedException {
    Path bin = Path.of(System.getProperty("changelog.mariadb.bin", DEFAULT_BIN.toString()));
    Path daemon = bin.resolve("mariadbd");
    Path installDb =
        System.getProperty("changelog.mariadb.bin") == null
            ? INSTALL_DB
            : bin.resolve("mariadb-install-db");
    if (!Files.isExecutable(daemon) || !Files.isExecutable(installDb)) {
      throw new IllegalStateException(
          "the binary-log tests start a private MariaDB from its server binaries, but "
              + daemon
              + " or "
              + installDb
              + " is missing: install the server (apt-get install mariadb-server) or name its"
              + " folder with -Dchangelog.mariadb.bin=DIR");
    }
    Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "changelog-mariadb-");
    run(
        List.of(
            installDb.toString(),
            "--no-defaults",
            "--datadir=" + dataDir.resolve("data"),
            "--user=" + System.getProperty("user.name"),
            "--auth-root-authentication-method=normal",
            "--skip-test-db"));
    int port = PrivatePostgres.freePort();
    List<String> command =
        List.of(
            daemon.toString(),
            "--no-defaults",
            "--datadir=" + dataDir.resolve("data"),
            "--user=" + System.getProperty("user.name"),
            "--port=" + port,
            "--bind-address=127.0.0.1",
            "--socket=" + dataDir.resolve("sock"),
            "--pid-file=" + dataDir.resolve("pid"),
            "--log-bin=" + dataDir.resolve("data").resolve("binlog"),
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--server-id=1",
            "--version=5.7.19-mariadb-as-mysql",
            "--innodb-flush-log-at-trx-commit=2",
            "--sync-binlog=0",
            "--max-connections=100");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("server.log").toFile())
            .start();
    PrivateMariaDb mariaDb = new PrivateMariaDb(dataDir, port, process);
    Runtime.getRuntime().addShutdownHook(mariaDb.stopOnExit);
    mariaDb.awaitReady(Duration.ofSeconds(60));
    return mariaDb;
  }

  public int port() {
    return port;
  }

  /** The database {@code name} as the pipelines take it (user root, no password). */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /** A connection to {@code database} as root. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "root", "");
  }

  /** Creates a database (the tables' MySQL schema). */
  public void createDatabase(String name) throws SQLException {
    try (Connection connection = connect("mysql");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        break;
      }
      try (Connection connection = connect("mysql")) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    stopQuietly();
    throw new IllegalStateException(
        "the private MariaDB did not start (see its log "
            + dataDir.resolve("server.log")
            + "): "
            + (last == null ? "the server exited" : last.getMessage()));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // the hook runs anyway
    }
    server.destroy();
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
    deleteDataDir();
  }

  private void stopQuietly() {
    try {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      deleteDataDir();
    } catch (IOException | InterruptedException | RuntimeException e) {
      // best effort at JVM exit
    }
  }

  private void deleteDataDir() throws IOException {
    PrivatePostgres.deleteTree(dataDir);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    PrivatePostgres.runProcess(command, () -> "");
  }
}
