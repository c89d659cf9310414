package dev.ticketmigration.runners;

import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One migration run of a bundled jar as a child {@code java -jar} process: the source, the target
 * endpoint and prefix, and every output folder inside {@code work}.
 */
final class Migration {
  private Migration() {}

  /** The bundled jars, built by the runner modules (paths from the surefire configuration). */
  enum Bundle {
    DIRECT("bundle.direct"),
    FLINK("bundle.flink"),
    SPARK("bundle.spark");

    private final String property;

    Bundle(String property) {
      this.property = property;
    }

    Path jar() {
      String path = System.getProperty(property);
      if (path == null || !Files.isRegularFile(Path.of(path))) {
        throw new IllegalStateException(
            "bundled jar "
                + path
                + " (system property "
                + property
                + ") is missing: build it"
                + " first (mvn -DskipTests package, or run this module with -am)");
      }
      return Path.of(path).toAbsolutePath().normalize();
    }
  }

  /** A JDBC source: URL, user (no password: trust or embedded), schema or null. */
  record Source(String url, String user, String schema) {}

  /** A new H2 file database under {@code work/source}: created and filled by the generator. */
  static Source generatedH2(Path work, long tickets, long seed) throws Exception {
    Source source = new Source("jdbc:h2:file:" + work.resolve("source/dms_sample"), "sa", null);
    generate(source, Dialect.H2, tickets, seed);
    return source;
  }

  /** A new schema {@code xr_<random>} in the PostgreSQL at url: created and filled. */
  static Source generatedPostgres(String url, long tickets, long seed) throws Exception {
    String schema = "xr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Source source = new Source(url, "postgres", schema);
    generate(source, Dialect.POSTGRESQL, tickets, seed);
    return source;
  }

  /** Drops a schema made by {@link #generatedPostgres}. */
  static void dropPostgres(Source source) throws Exception {
    try (Connection c = DriverManager.getConnection(source.url(), source.user(), "");
        java.sql.Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + source.schema() + " CASCADE");
    }
  }

  private static void generate(Source source, Dialect dialect, long tickets, long seed)
      throws Exception {
    try (Connection c = DriverManager.getConnection(source.url(), source.user(), "")) {
      SourceSchema.create(c, dialect, source.schema());
      DataGenerator.forTickets(tickets, seed).generate(c, dialect, source.schema());
    }
  }

  /** The arguments every run gets, output folders under {@code work}. */
  static List<String> arguments(Source source, String endpoint, String prefix, Path work) {
    List<String> args = new ArrayList<>();
    args.add("--sourceUrl=" + source.url());
    args.add("--sourceUser=" + source.user());
    if (source.schema() != null) {
      args.add("--sourceSchema=" + source.schema());
    }
    // no password: trust authentication or H2; never inherit one from the environment
    args.add("--sourcePasswordEnv=TICKET_MIGRATION_TEST_NO_PASSWORD");
    args.add("--dynamoEndpoint=" + endpoint);
    args.add("--dynamoLocal=true");
    args.add("--tablePrefix=" + prefix);
    args.add("--readPartitions=4");
    args.add("--deadLetterDir=" + work.resolve("dead-letters"));
    args.add("--verifyOutputDir=" + work.resolve("verify"));
    args.add("--reportPath=" + work.resolve("run-report.json"));
    return args;
  }

  /**
   * A child JVM running {@code jar}: 1 GB heap, temporary files in {@code work/tmp}, working
   * directory {@code work}.
   */
  static ChildJvm.Spec child(String name, Path work) {
    Path tmp = work.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ChildJvm.named(name).workDir(work).jvm("-Xmx1g", "-Djava.io.tmpdir=" + tmp);
  }

  /**
   * Spark's driver on loopback only, without web UI (its scratch space follows java.io.tmpdir).
   * Spark reads spark.* system properties as configuration.
   */
  static ChildJvm.Spec sparkDriverOnLoopback(ChildJvm.Spec spec) {
    return spec.env("SPARK_LOCAL_IP", Loopback.HOST)
        .jvm(
            "-Dspark.driver.host=" + Loopback.HOST,
            "-Dspark.driver.bindAddress=" + Loopback.HOST,
            "-Dspark.ui.enabled=false");
  }

  /**
   * A Flink configuration folder that binds the embedded cluster (REST endpoint, blob server, RPC)
   * to loopback; by default Flink listens on every address.
   */
  static Path flinkLoopbackConf(Path work) {
    Path dir = work.resolve("flink-conf");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("flink-conf.yaml"),
          String.join(
              "\n",
              "jobmanager.rpc.address: 127.0.0.1",
              "jobmanager.bind-host: 127.0.0.1",
              "taskmanager.host: 127.0.0.1",
              "taskmanager.bind-host: 127.0.0.1",
              "rest.address: 127.0.0.1",
              "rest.bind-address: 127.0.0.1",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
