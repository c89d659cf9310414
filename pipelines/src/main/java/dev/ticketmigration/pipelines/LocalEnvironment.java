package dev.ticketmigration.pipelines;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The embedded default: an H2 source filled by the data generator and a dynalite started for the
 * run, so the migration runs with no server to set up. With {@code --localDataDir} both live in
 * that folder and are reopened by later runs; otherwise in a temporary folder removed at close.
 */
final class LocalEnvironment implements AutoCloseable {
  static final String LOCAL_ENDPOINT = "local";

  private final @Nullable Path tempDir;
  private final @Nullable Dynalite dynalite;

  private LocalEnvironment(@Nullable Path tempDir, @Nullable Dynalite dynalite) {
    this.tempDir = tempDir;
    this.dynalite = dynalite;
  }

  /**
   * The demo runs only when the source is truly unset (a blank URL is a mistake, not a wish), and
   * never for the cut-over mark, which reads no source.
   */
  static boolean isEmbeddedSource(MigrationOptions options) {
    return options.getSourceUrl() == null && options.getMode() != MigrationOptions.Mode.CUT_OVER;
  }

  /**
   * Refuses the combinations that would send a run somewhere the user did not mean: an empty
   * --sourceUrl or --dynamoEndpoint (an orchestrator's unset variable), and the generated demo
   * source written into a DynamoDB that is not declared local.
   */
  static void checkTargets(MigrationOptions options) {
    if (options.getSourceUrl() != null && options.getSourceUrl().isBlank()) {
      throw new MigrationException(
          "--sourceUrl is empty: give the source's JDBC URL, or leave the option out to run the"
              + " embedded demo");
    }
    String endpoint = options.getDynamoEndpoint();
    if (endpoint != null && endpoint.isBlank()) {
      throw new MigrationException(
          "--dynamoEndpoint is empty: give an endpoint URL, 'local' for a local dynalite, or leave"
              + " the option out for AWS DynamoDB");
    }
    if (isEmbeddedSource(options)
        && endpoint != null
        && !LOCAL_ENDPOINT.equalsIgnoreCase(endpoint)
        && !options.getDynamoLocal()) {
      throw new MigrationException(
          "without --sourceUrl the tool migrates its generated demo data, which it writes only"
              + " into a local DynamoDB: give --sourceUrl, or --dynamoEndpoint=local (or"
              + " --dynamoLocal=true for a local server of your own)");
    }
  }

  /**
   * Prepares what the options leave to the embedded default and points the options at it: fills
   * {@code --sourceUrl} with the generated H2 database, {@code --dynamoEndpoint} with dynalite.
   */
  static LocalEnvironment prepare(MigrationOptions options, PrintStream out) {
    boolean embeddedSource = isEmbeddedSource(options);
    String endpoint = options.getDynamoEndpoint();
    boolean localDynamo =
        LOCAL_ENDPOINT.equalsIgnoreCase(endpoint) || (embeddedSource && endpoint == null);
    if (!embeddedSource && !localDynamo) {
      return new LocalEnvironment(null, null);
    }
    Path dataDir;
    Path tempDir = null;
    try {
      if (options.getLocalDataDir() != null) {
        dataDir = Files.createDirectories(Path.of(options.getLocalDataDir()));
      } else {
        tempDir = Files.createTempDirectory("ticket-migration-");
        dataDir = tempDir;
      }
    } catch (IOException e) {
      throw new MigrationException(
          "cannot create the local data folder: " + e.getMessage() + " (fix --localDataDir)");
    }
    // the local DynamoDB first: if Node.js is missing, say so before generating any data
    Dynalite dynalite = null;
    if (localDynamo) {
      dynalite =
          Dynalite.start(options.getLocalDataDir() != null ? dataDir.resolve("dynamodb") : null);
      options.setDynamoEndpoint(dynalite.endpoint());
      options.setDynamoLocal(true);
      out.println("Local DynamoDB (dynalite) at " + dynalite.endpoint());
    }
    if (embeddedSource) {
      options.setSourceUrl(prepareH2(dataDir, options, out));
      options.setSourceUser("sa");
      options.setSourceSchema(null);
    }
    return new LocalEnvironment(tempDir, dynalite);
  }

  /** Creates and fills the H2 source, or reuses the one a previous run left in the folder. */
  private static String prepareH2(Path dataDir, MigrationOptions options, PrintStream out) {
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("source/dms_sample");
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      if (hasTickets(c)) {
        out.println("Reusing the embedded H2 source in " + dataDir.resolve("source"));
        return url;
      }
      out.printf(
          "Generating about %,d tickets (seed %d) into the embedded H2 source...%n",
          options.getDemoTickets(), options.getDemoSeed());
      SourceSchema.create(c, Dialect.H2, null);
      var result =
          DataGenerator.forTickets(options.getDemoTickets(), options.getDemoSeed())
              .generate(c, Dialect.H2, null);
      out.printf(
          "Generated %,d rows (%,d tickets) in %.1f s%n",
          result.totalRows(), result.tickets(), result.elapsed().toMillis() / 1000.0);
      return url;
    } catch (SQLException e) {
      throw new MigrationException("cannot prepare the embedded H2 source: " + e.getMessage());
    }
  }

  private static boolean hasTickets(Connection c) throws SQLException {
    try (ResultSet rs =
        c.getMetaData().getTables(null, null, "SPORTING_EVENT_TICKET", new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  @Override
  public void close() {
    if (dynalite != null) {
      dynalite.close();
    }
    if (tempDir != null) {
      try (Stream<Path> files = Files.walk(tempDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(LocalEnvironment::deleteQuietly);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort for a temporary folder
    }
  }
}
