package dev.ticketmigration.pipelines;

import dev.ticketmigration.localdynamodb.LocalDynamoException;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.DynamoTarget;
import dev.ticketmigration.transforms.IdRanges;
import dev.ticketmigration.transforms.SourceDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Entry point: checks the options, the source and the target, builds the migration pipeline,
 * runs it on the runner the options name, and prints what it migrated.
 *
 * <p>Exit codes: 0 all rows migrated or dead-lettered (verify: source and target agree), 1 the
 * pipeline failed, 2 a problem with the options or the services (one line on stderr says which
 * and how to fix it), 3 verify found differences.
 */
public final class Migrate {
  private Migrate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      PipelineOptionsFactory.printHelp(out, MigrationOptions.class);
      return 0;
    }
    MigrationOptions options;
    try {
      PipelineOptionsFactory.register(MigrationOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(MigrationOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("error: " + SourceInspector.firstLine(e.getMessage()) + " (see --help)");
      return 2;
    }
    try (LocalEnvironment local = LocalEnvironment.prepare(options, out)) {
      MigrationPlan plan = plan(options, out);
      out.println("Migrating " + Secrets.redactUrl(options.getSourceUrl()) + " -> "
          + plan.target().describe() + " on " + options.getRunner().getSimpleName());
      long start = System.nanoTime();
      Pipeline pipeline = Pipeline.create(options);
      boolean verify = options.getMode() == MigrationOptions.Mode.VERIFY;
      if (verify) {
        VerifyPipeline.build(
            pipeline, plan, options.getScanSegments(), options.getRepair(),
            options.getVerifyOutputDir());
      } else {
        MigrationPipeline.build(pipeline, plan);
      }
      PipelineResult result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      MigrationSummary summary =
          MigrationSummary.of(result, Duration.ofNanos(System.nanoTime() - start));
      summary.print(out, plan.deadLetterDir());
      if (state != PipelineResult.State.DONE) {
        err.println("error: the run ended in state " + state);
        return 1;
      }
      if (verify) {
        VerifyReport report =
            VerifyReport.of(result, options.getVerifyOutputDir(), options.getFindingsShown());
        report.print(out, options.getRepair());
        return report.problems() == 0 ? 0 : 3;
      }
      return 0;
    } catch (MigrationException | LocalDynamoException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (Pipeline.PipelineExecutionException e) {
      err.println("error: the migration failed: " + rootMessage(e));
      return 1;
    }
  }

  /** Resolves and checks everything the graph needs; every failure is a MigrationException. */
  static MigrationPlan plan(MigrationOptions options, PrintStream out) {
    String url = options.getSourceUrl();
    TargetTables.validatePrefix(options.getTablePrefix());
    if (options.getFetchSize() == null || options.getFetchSize() <= 0) {
      throw new MigrationException("--fetchSize must be a positive number of rows");
    }
    if (options.getReadPartitions() == null || options.getReadPartitions() < 0) {
      throw new MigrationException("--readPartitions must be 0 (automatic) or more");
    }
    String password = Secrets.sourcePassword(options);
    JdbcIO.DataSourceConfiguration dataSource =
        JdbcIO.DataSourceConfiguration.create(SourceInspector.driverClass(url), url);
    if (options.getSourceUser() != null) {
      dataSource = dataSource.withUsername(options.getSourceUser());
    }
    if (password != null) {
      dataSource = dataSource.withPassword(password);
    }
    SourceDatabase source;
    try {
      source =
          SourceDatabase.of(dataSource)
              .withSchema(options.getSourceSchema())
              .withFetchSize(options.getFetchSize());
    } catch (IllegalArgumentException e) {
      throw new MigrationException(e.getMessage() + ": fix --sourceSchema");
    }

    List<KV<Long, Long>> ranges;
    try (SourceInspector inspector =
        SourceInspector.open(url, options.getSourceUser(), password, source)) {
      inspector.requireTables();
      ranges = ticketRanges(inspector, options.getReadPartitions());
    }

    DynamoTarget target = target(options);
    // a verify run compares what is there: it never creates tables
    boolean create = options.getCreateTables() && options.getMode() == MigrationOptions.Mode.MIGRATE;
    TargetTables.ensure(target, create).forEach(name -> out.println("Created table " + name));
    return new MigrationPlan(
        source,
        target,
        SourceTable.ofKind(SourceTable.Kind.CONFIG),
        true,
        ranges,
        options.getDeadLetterDir());
  }

  /** Ranges covering the ids of both ticket tables, so orphan history rows are read too. */
  private static List<KV<Long, Long>> ticketRanges(SourceInspector inspector, int partitions) {
    long[] tickets = inspector.idBounds(SourceTable.SPORTING_EVENT_TICKET.tableName(), "id");
    long[] history =
        inspector.idBounds(
            SourceTable.TICKET_PURCHASE_HIST.tableName(), TicketItemBuilder.HISTORY_TICKET_COLUMN);
    if (tickets == null && history == null) {
      return List.of();
    }
    long min = Math.min(tickets != null ? tickets[0] : Long.MAX_VALUE,
        history != null ? history[0] : Long.MAX_VALUE);
    long max = Math.max(tickets != null ? tickets[1] : Long.MIN_VALUE,
        history != null ? history[1] : Long.MIN_VALUE);
    int n = partitions > 0 ? partitions : autoPartitions(min, max);
    return IdRanges.split(min, max, n);
  }

  static int autoPartitions(long min, long max) {
    double span = (double) max - (double) min + 1;
    return (int) Math.max(4, Math.min(1000, Math.ceil(span / 50_000)));
  }

  private static DynamoTarget target(MigrationOptions options) {
    String endpoint = options.getDynamoEndpoint();
    String region = options.getDynamoRegion();
    DynamoTarget target;
    if (endpoint != null && !endpoint.isBlank()) {
      if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
        throw new MigrationException(
            "--dynamoEndpoint '" + endpoint + "' is not an http(s) URL, e.g. http://127.0.0.1:8000");
      }
      target = DynamoTarget.local(endpoint);
      if (region != null) {
        target = target.withRegion(region);
      }
    } else {
      if (region == null) {
        try {
          region = new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException e) {
          throw new MigrationException(
              "no AWS region for DynamoDB: pass --dynamoRegion (e.g. us-east-1) or set AWS_REGION");
        }
      }
      target = DynamoTarget.aws(region);
    }
    return target.withTablePrefix(options.getTablePrefix());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + SourceInspector.firstLine(t.getMessage());
  }
}
