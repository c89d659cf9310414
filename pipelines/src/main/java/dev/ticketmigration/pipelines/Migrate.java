package dev.ticketmigration.pipelines;

import dev.ticketmigration.localdynamodb.LocalDynamoException;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import dev.ticketmigration.transforms.reading.IdRanges;
import dev.ticketmigration.transforms.writing.InstrumentedClientBuilderFactory;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.WriteDeadLetters;
import java.io.PrintStream;
import java.time.Duration;
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
 * pipeline, runs it on the runner the options name, and prints what it did; {@code
 * --mode=CUT_OVER} only marks the target tables (see {@link CutOver}).
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
    // every run leaves a true record, also one that stops at its first option
    RunReport report = RunReport.start(args);
    int exit;
    try {
      exit = runChecked(args, out, err, report);
    } catch (MigrationException | LocalDynamoException e) {
      exit = report.fail(USAGE, e.getMessage(), err);
    } catch (RuntimeException e) {
      // PipelineExecutionException on Direct, a plain RuntimeException on Flink: same message
      exit = report.fail(FAILED, "the run failed: " + RunFailures.explain(e), err);
    }
    try {
      report.write(exit, out);
    } catch (MigrationException e) {
      err.println("error: " + e.getMessage());
      return exit == OK ? USAGE : exit;
    }
    return exit;
  }

  private static int runChecked(
      String[] args, PrintStream out, PrintStream err, RunReport report) {
    String repeated = repeatedOption(args);
    if (repeated != null) {
      throw new MigrationException(repeated + " is given more than once: keep one");
    }
    MigrationOptions options;
    try {
      PipelineOptionsFactory.register(MigrationOptions.class);
      options =
          PipelineOptionsFactory.fromArgs(RunnerDefaults.apply(args))
              .withValidation()
              .as(MigrationOptions.class);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(SourceInspector.firstLine(e.getMessage()) + " (see --help)");
    }
    RunId.assign(options);
    report.options(options);
    OutputFiles outputs = OutputFiles.check(options, args);
    try (LocalEnvironment local = LocalEnvironment.prepare(options, out)) {
      if (options.getMode() == MigrationOptions.Mode.CUT_OVER) {
        // tags the target only: no source is read and no pipeline is built
        TargetTables.validatePrefix(options.getTablePrefix());
        CutOver.mark(target(options), options.getJobName(), out);
        report.state(PipelineResult.State.DONE);
        return OK;
      }
      MigrationPlan plan = plan(options, out);
      outputs.create();
      InstrumentedClientBuilderFactory.install(options.as(AwsOptions.class));
      boolean verify = options.getMode() == MigrationOptions.Mode.VERIFY;
      boolean planning = options.getMode() == MigrationOptions.Mode.PLAN;
      boolean reading = options.getMode() == MigrationOptions.Mode.READ;
      out.println(
          (verify ? "Verifying " : planning ? "Planning " : reading ? "Reading " : "Migrating ")
              + Secrets.redactUrl(options.getSourceUrl())
              + (reading ? "" : (verify ? " against " : " -> ") + plan.target().describe())
              + " on "
              + options.getRunner().getSimpleName()
              + " (run " + plan.runId() + ")");
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
      report.state(PipelineResult.State.RUNNING);
      try {
        result = pipeline.run();
        state = result.waitUntilFinish();
      } catch (RuntimeException e) {
        report.state(PipelineResult.State.FAILED);
        throw e;
      } finally {
        Progress.stop();
        outputs.restrict();
      }
      report.state(state);
      MigrationSummary summary =
          MigrationSummary.of(result, Duration.ofNanos(System.nanoTime() - start));
      summary.print(out, plan.deadLetterDir() + " as " + WriteDeadLetters.filePrefix(plan.runId())
          + "-*.jsonl");
      report.summary(summary);
      if (state != PipelineResult.State.DONE) {
        return report.fail(FAILED, "the run ended in state " + state, err);
      }
      if (verify) {
        VerifyReport verified =
            VerifyReport.of(
                result, options.getVerifyOutputDir(), plan.runId(), options.getFindingsShown());
        verified.print(out, options.getRepair(), summary);
        report.verify(verified);
        return verified.problems() == 0 ? OK : NOT_VERIFIED;
      }
      if (planning) {
        PlanReport.from(options, plan).print(out).write(options.getPlanPath(), out);
      } else if (options.getMaxRejectedRows() >= 0
          && summary.totalRejected() > options.getMaxRejectedRows()) {
        return report.fail(
            TOO_MANY_REJECTED,
            String.format(
                "%,d rows were rejected (dead letters in %s), more than --maxRejectedRows=%d",
                summary.totalRejected(), plan.deadLetterDir(), options.getMaxRejectedRows()),
            err);
      }
      return OK;
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
    TargetTables.validatePrefix(options.getTablePrefix());
    positive(options.getFetchSize(), "--fetchSize");
    positive(options.getScanSegments(), "--scanSegments");
    positive(options.getWriteWorkers(), "--writeWorkers");
    if (options.getReadPartitions() == null || options.getReadPartitions() < 0) {
      throw new MigrationException("--readPartitions must be 0 (automatic) or more");
    }
    if (options.getMaxWriteRate() == null || options.getMaxWriteRate() < 0) {
      throw new MigrationException("--maxWriteRate must be 0 (no cap) or a positive item rate");
    }
    Slice slice = Slice.from(options);
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

    List<KV<Long, Long>> ranges = List.of();
    Set<String> nullIdTables = new TreeSet<>();
    Set<String> fractionalIdTables = new TreeSet<>();
    long expectedItems = 0;
    try (SourceInspector inspector =
        SourceInspector.open(url, options.getSourceUser(), password, source)) {
      inspector.requireTables();
      if (slice.ticketSales()) {
        ranges = ticketRanges(inspector, slice, options.getReadPartitions());
        for (SourceTable table :
            List.of(SourceTable.SPORTING_EVENT_TICKET, SourceTable.TICKET_PURCHASE_HIST)) {
          String column = ticketIdColumn(table);
          if (inspector.mayHoldNull(table.tableName(), column)) {
            nullIdTables.add(table.tableName());
          }
          if (!inspector.holdsWholeNumbers(table.tableName(), column)) {
            fractionalIdTables.add(table.tableName());
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
      if (!(options.getSampleFraction() > 0 && options.getSampleFraction() <= 1)) {
        throw new MigrationException("--sampleFraction must be above 0 and at most 1, e.g. 0.01");
      }
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
      // every run that writes items passes here: refuse tables the application owns, first
      CutOver.check(target, options, out);
      TargetTables.ensure(target, create).forEach(name -> out.println("Created table " + name));
    }
    return new MigrationPlan(
        source,
        target,
        slice,
        ranges,
        nullIdTables,
        fractionalIdTables,
        options.getDeadLetterDir(),
        new Progress.Settings(
            Math.max(0, options.getProgressIntervalSeconds()),
            expectedItems,
            progressItems(options.getMode())),
        options.getMaxWriteRate() / (double) options.getWriteWorkers(),
        importFiles,
        plan ? options.getSampleFraction() : 1.0,
        options.getRunId());
  }

  private static void positive(Integer value, String option) {
    if (value == null || value <= 0) {
      throw new MigrationException(option + " must be a positive number, was " + value);
    }
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
      // empty when measured: one range over the slice, so rows added meanwhile are still read
      long lo = slice.minTicketId() != null ? slice.minTicketId() : Long.MIN_VALUE;
      long hi = slice.maxTicketId() != null ? slice.maxTicketId() : Long.MAX_VALUE;
      return List.of(KV.of(lo, hi));
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
    return idRanges(min, max, partitions);
  }

  /**
   * The inclusive ranges a run reads the ticket ids {@code [min, max]} in: {@code
   * --readPartitions} of them, or for 0 (automatic) one per 50,000 ids, 4 to 1000. Public for tools
   * that must cut the id space as the migration does (the benchmark's JDBC scan).
   */
  public static List<KV<Long, Long>> idRanges(long min, long max, int readPartitions) {
    int n = readPartitions > 0 ? readPartitions : autoPartitions(min, max);
    return IdRanges.split(min, max, n);
  }

  private static String ticketIdColumn(SourceTable table) {
    return table == SourceTable.SPORTING_EVENT_TICKET ? "id" : TicketItemBuilder.HISTORY_TICKET_COLUMN;
  }

  static int autoPartitions(long min, long max) {
    double span = (double) max - (double) min + 1;
    return (int) Math.max(4, Math.min(1000, Math.ceil(span / 50_000)));
  }

  private static DynamoTarget target(MigrationOptions options) {
    String endpoint = options.getDynamoEndpoint();
    String region = options.getDynamoRegion();
    DynamoTarget target;
    if (endpoint != null && options.getDynamoLocal()) {
      checkEndpoint(endpoint);
      target = DynamoTarget.local(endpoint);
      if (region != null) {
        target = target.withRegion(region);
      }
    } else {
      if (endpoint != null) {
        checkEndpoint(endpoint);
      }
      if (region == null
          && endpoint == null
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
              "no AWS region for DynamoDB: pass --dynamoRegion (e.g. us-east-1) or set AWS_REGION"
                  + (endpoint != null
                      ? " (for a local DynamoDB that checks no signature add --dynamoLocal=true)"
                      : ""));
        }
      }
      // an endpoint override changes where requests go, not who signs them
      target =
          (endpoint == null ? DynamoTarget.aws(region) : DynamoTarget.endpoint(endpoint, region))
              .withUserCredentials(options.as(AwsOptions.class).getAwsCredentialsProvider());
    }
    if (options.getWriteRetries() == null || options.getWriteRetries() < 0) {
      throw new MigrationException("--writeRetries must be 0 or more");
    }
    return target.withTablePrefix(options.getTablePrefix()).withMaxRetries(options.getWriteRetries());
  }

  private static void checkEndpoint(String endpoint) {
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new MigrationException(
          "--dynamoEndpoint '" + endpoint + "' is not an http(s) URL, e.g. http://127.0.0.1:8000");
    }
  }
}
