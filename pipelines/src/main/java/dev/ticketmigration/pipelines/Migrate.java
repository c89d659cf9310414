package dev.ticketmigration.pipelines;

import dev.ticketmigration.localdynamodb.LocalDynamoException;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.DynamoTarget;
import dev.ticketmigration.transforms.IdRanges;
import dev.ticketmigration.transforms.InstrumentedClientBuilderFactory;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.SourceDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Entry point: checks the options, the source and the target, builds the migration (or verify)
 * pipeline, runs it on the runner the options name, and prints what it did.
 *
 * <p>Exit codes: 0 done (verify: source and target agree); 1 the pipeline failed; 2 a problem with
 * the options or the services (one line on stderr names it and the fix); 3 verify found
 * differences; 4 more rows were rejected than --maxRejectedRows allows.
 */
public final class Migrate {
  private Migrate() {}

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NOT_VERIFIED = 3;
  public static final int TOO_MANY_REJECTED = 4;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      PipelineOptionsFactory.printHelp(out, MigrationOptions.class);
      return OK;
    }
    String repeated = repeatedOption(args);
    if (repeated != null) {
      err.println("error: " + repeated + " is given more than once: keep one");
      return USAGE;
    }
    MigrationOptions options;
    try {
      PipelineOptionsFactory.register(MigrationOptions.class);
      options =
          PipelineOptionsFactory.fromArgs(RunnerDefaults.apply(args))
              .withValidation()
              .as(MigrationOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("error: " + SourceInspector.firstLine(e.getMessage()) + " (see --help)");
      return USAGE;
    }
    try {
      OptionChecks.check(options);
    } catch (MigrationException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    }
    Instant started = Instant.now();
    try (LocalEnvironment local = LocalEnvironment.prepare(options, out)) {
      MigrationPlan plan = plan(options, out);
      InstrumentedClientBuilderFactory.install(options.as(AwsOptions.class));
      boolean verify = options.getMode() == MigrationOptions.Mode.VERIFY;
      boolean planning = options.getMode() == MigrationOptions.Mode.PLAN;
      boolean reading = options.getMode() == MigrationOptions.Mode.READ;
      out.println(
          (verify ? "Verifying " : planning ? "Planning " : reading ? "Reading " : "Migrating ")
              + Secrets.redactUrl(options.getSourceUrl())
              + (reading ? "" : (verify ? " against " : " -> ") + plan.target().describe())
              + " on "
              + options.getRunner().getSimpleName());
      Pipeline pipeline = Pipeline.create(options);
      if (verify) {
        VerifyPipeline.build(
            pipeline, plan, options.getScanSegments(), options.getRepair(),
            options.getVerifyOutputDir());
      } else if (planning) {
        PlanPipeline.build(pipeline, plan, PlanReport.statsDir(options), options.getHotKeys());
      } else if (reading) {
        ReadPipeline.build(pipeline, plan);
      } else {
        MigrationPipeline.build(pipeline, plan);
      }
      long start = System.nanoTime();
      Progress.start(plan.progress(), out::println);
      PipelineResult result;
      PipelineResult.State state;
      try {
        result = pipeline.run();
        state = result.waitUntilFinish();
      } finally {
        Progress.stop();
      }
      MigrationSummary summary =
          MigrationSummary.of(result, Duration.ofNanos(System.nanoTime() - start));
      summary.print(out, plan.deadLetterDir());
      RunReport report = new RunReport(options, started, state, summary);
      int exit = OK;
      if (state != PipelineResult.State.DONE) {
        err.println("error: the run ended in state " + state);
        exit = FAILED;
      } else if (verify) {
        VerifyReport verified =
            VerifyReport.of(result, options.getVerifyOutputDir(), options.getFindingsShown());
        verified.print(out, options.getRepair());
        report.verify(verified);
        exit = verified.problems() == 0 ? OK : NOT_VERIFIED;
      } else if (planning) {
        PlanReport.from(options, plan).print(out).write(options.getPlanPath(), out);
      } else if (options.getMaxRejectedRows() >= 0
          && summary.totalRejected() > options.getMaxRejectedRows()) {
        err.printf(
            "error: %,d rows were rejected (dead letters in %s), more than --maxRejectedRows=%d%n",
            summary.totalRejected(), plan.deadLetterDir(), options.getMaxRejectedRows());
        exit = TOO_MANY_REJECTED;
      }
      report.write(options.getReportPath(), exit, out);
      return exit;
    } catch (MigrationException | LocalDynamoException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // PipelineExecutionException on Direct, a plain RuntimeException on Flink: same message
      err.println("error: the run failed: " + RunFailures.explain(e));
      return FAILED;
    }
  }

  /** What the progress lines say a run does with its items; empty: it counts rows only. */
  static String progressItems(MigrationOptions.Mode mode) {
    switch (mode) {
      case MIGRATE:
        return "written";
      case VERIFY:
        return "scanned";
      default:
        return "";
    }
  }

  /** The first option named twice (Beam's own message would not name it), or null. */
  static String repeatedOption(String[] args) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (!seen.add(name)) {
          return name;
        }
      }
    }
    return null;
  }

  /** Resolves and checks everything the graph needs; every failure is a MigrationException. */
  static MigrationPlan plan(MigrationOptions options, PrintStream out) {
    FileSystems.setDefaultPipelineOptions(options);
    String url = options.getSourceUrl();
    Slice slice = Slice.from(options);
    String password = Secrets.sourcePassword(options);
    JdbcIO.DataSourceConfiguration dataSource =
        Secrets.dataSource(SourceInspector.driverClass(url), url, options.getSourceUser(), password);
    SourceDatabase source;
    try {
      source =
          SourceDatabase.of(dataSource)
              .withSchema(options.getSourceSchema())
              .withFetchSize(options.getFetchSize());
    } catch (IllegalArgumentException e) {
      throw new MigrationException(e.getMessage() + ": fix --sourceSchema");
    }

    List<KV<Long, Long>> ranges = List.of();
    Set<String> nullIdTables = new TreeSet<>();
    long expectedItems = 0;
    try (SourceInspector inspector =
        SourceInspector.open(url, options.getSourceUser(), password, source)) {
      inspector.requireTables();
      if (slice.ticketSales()) {
        ranges = ticketRanges(inspector, slice, options.getReadPartitions());
        if (!slice.slicesTickets()) {
          // NULL ids belong to no slice; a full run reads them where the column allows them
          if (inspector.mayHoldNull(SourceTable.SPORTING_EVENT_TICKET.tableName(), "id")) {
            nullIdTables.add(SourceTable.SPORTING_EVENT_TICKET.tableName());
          }
          if (inspector.mayHoldNull(
              SourceTable.TICKET_PURCHASE_HIST.tableName(),
              TicketItemBuilder.HISTORY_TICKET_COLUMN)) {
            nullIdTables.add(SourceTable.TICKET_PURCHASE_HIST.tableName());
          }
        }
      }
      if (options.getProgressIntervalSeconds() > 0
          && !slice.slicesTickets()
          && !progressItems(options.getMode()).isEmpty()) {
        expectedItems = expectedItems(inspector, slice);
      }
    }

    DynamoTarget target = target(options);
    MigrationPlan.ImportFiles importFiles = null;
    boolean plan = options.getMode() == MigrationOptions.Mode.PLAN;
    if (plan) {
      out.println("Plan: nothing is written to DynamoDB");
    } else if (options.getMode() == MigrationOptions.Mode.READ) {
      out.println("Read: the source rows are read and counted; nothing is built or written");
    } else if (options.getSink() == MigrationOptions.Sink.IMPORT_FILES
        && options.getMode() == MigrationOptions.Mode.MIGRATE) {
      // files for a new table: DynamoDB itself is not touched
      importFiles = new MigrationPlan.ImportFiles(options.getExportDir(), options.getExportShards());
      ImportTableParameters.write(importFiles, target.tablePrefix(), out);
    } else {
      // a verify run compares what is there: it never creates tables
      boolean create =
          options.getCreateTables() && options.getMode() == MigrationOptions.Mode.MIGRATE;
      TargetTables.ensure(target, create).forEach(name -> out.println("Created table " + name));
    }
    return new MigrationPlan(
        source,
        target,
        slice,
        ranges,
        nullIdTables,
        options.getDeadLetterDir(),
        new Progress.Settings(
            Math.max(0, options.getProgressIntervalSeconds()),
            expectedItems,
            progressItems(options.getMode())),
        options.getMaxWriteRate() / (double) options.getWriteWorkers(),
        importFiles,
        plan ? options.getSampleFraction() : 1.0);
  }

  /** Items a full run writes if no row is rejected: one per config row, ticket and transfer. */
  private static long expectedItems(SourceInspector inspector, Slice slice) {
    long items = 0;
    for (SourceTable table : slice.configTables()) {
      items += inspector.count(table.tableName(), null);
    }
    if (slice.ticketSales()) {
      items += inspector.count(SourceTable.SPORTING_EVENT_TICKET.tableName(), null);
      items += inspector.count(SourceTable.TICKET_PURCHASE_HIST.tableName(), "transferred_from_id");
    }
    return items;
  }

  /**
   * Ranges covering the ids of both ticket tables (so orphan history rows are read too), cut to
   * the slice's id bounds.
   */
  private static List<KV<Long, Long>> ticketRanges(
      SourceInspector inspector, Slice slice, int partitions) {
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
    if (slice.minTicketId() != null) {
      min = Math.max(min, slice.minTicketId());
    }
    if (slice.maxTicketId() != null) {
      max = Math.min(max, slice.maxTicketId());
    }
    if (min > max) {
      return List.of();
    }
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
      target = DynamoTarget.local(endpoint);
      if (region != null) {
        target = target.withRegion(region);
      }
    } else {
      if (region == null
          && (options.getSink() == MigrationOptions.Sink.IMPORT_FILES
              || options.getMode() == MigrationOptions.Mode.PLAN
              || options.getMode() == MigrationOptions.Mode.READ)) {
        region = "us-east-1"; // files only, or no target at all: no client is built
      }
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
    return target.withTablePrefix(options.getTablePrefix()).withMaxRetries(options.getWriteRetries());
  }
}
