package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Turns checked options into a run's {@link RunSettings}: opens the source to check its tables and
 * measure the ticket ids the parallel reads split, resolves the DynamoDB target (endpoint, region,
 * whose credentials) and checks or creates its tables, so that every problem with the services is
 * one clear message before any pipeline is built.
 */
final class RunSettingsResolver {
  private RunSettingsResolver() {}

  /**
   * The phase whose items the progress lines measure against the expected count (null: the run
   * expects no count, e.g. a plan of a sample or a read).
   */
  static Progress.@Nullable Phase etaPhase(MigrationOptions.Mode mode) {
    switch (mode) {
      case MIGRATE:
        return Progress.Phase.WRITING;
      case VERIFY:
        return Progress.Phase.SCANNING;
      default:
        return null;
    }
  }

  /**
   * What the DirectRunner holds in its heap per source row it reads: it keeps every step's elements
   * in memory until the run ends. Measured: 666 MB live after 192,779 ticket and history rows
   * (docs/benchmarks.md), so about 3.5 KB; 4 KB leaves room for the JVM's own needs.
   */
  static final long DIRECT_RUNNER_BYTES_PER_ROW = 4_096;

  /** Resolves and checks everything the graph needs; every failure is a MigrationException. */
  static RunSettings resolve(MigrationOptions options, PrintStream out) {
    FileSystems.setDefaultPipelineOptions(options);
    String url = options.getSourceUrl();
    Slice slice = Slice.from(options);
    String password = Secrets.sourcePassword(options);
    JdbcIO.DataSourceConfiguration dataSource =
        Secrets.dataSource(
            SourceInspector.driverClass(url), url, options.getSourceUser(), password);
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
        // a READ run drops its rows as it goes: only the others hold them
        if (onDirectRunner(options)
            && options.getMode() != MigrationOptions.Mode.READ
            && options.getMode() != MigrationOptions.Mode.SYNC
            && !options.getForce()) {
          requireHeapFor(inspector, slice, ranges, sampleFraction(options));
        }
      }
      if (sampleFraction(options) < 1) {
        // a sampled run asks the database to sample ids: only integer columns can be asked
        for (SourceTable table : slice.configTables()) {
          if (table.keyedById()
              && !inspector.holdsWholeNumbers(table.tableName(), SourceColumns.ID)) {
            fractionalIdTables.add(table.tableName());
          }
        }
      }
      if (options.getProgressIntervalSeconds() > 0
          && !slice.slicesTickets()
          && etaPhase(options.getMode()) != null) {
        expectedItems = expectedItems(inspector, slice);
      }
    }

    if ((options.getSyncSlot() != null && options.getMode() == MigrationOptions.Mode.MIGRATE)
        || options.getMode() == MigrationOptions.Mode.SYNC) {
      // before any row is copied: the slot keeps every change from here on (docs/design/sync.md)
      ChangeLogSlot.prepare(options, password, out);
    }
    DynamoTarget target = target(options);
    RunSettings.ImportFiles importFiles = null;
    boolean plan = options.getMode() == MigrationOptions.Mode.PLAN;
    if (plan) {
      out.println("Plan: nothing is written to DynamoDB");
    } else if (options.getMode() == MigrationOptions.Mode.READ) {
      out.println("Read: the source rows are read and counted; nothing is built or written");
    } else if (options.getSink() == MigrationOptions.Sink.IMPORT_FILES
        && options.getMode() == MigrationOptions.Mode.MIGRATE) {
      // files for a new table: DynamoDB itself is not touched
      importFiles = new RunSettings.ImportFiles(options.getExportDir(), options.getExportShards());
      ImportTableParameters.write(importFiles, target.tablePrefix(), out);
    } else {
      // a verify run compares what is there: it never creates tables
      boolean create =
          options.getCreateTables() && options.getMode() == MigrationOptions.Mode.MIGRATE;
      // every run that writes items passes here: refuse tables the application owns, first
      CutOver.check(target, options, out);
      TargetTables.ensure(target, create).forEach(name -> out.println("Created table " + name));
    }
    return new RunSettings(
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
            etaPhase(options.getMode()),
            onDirectRunner(options)),
        options.getMaxWriteRate() / (double) options.getWriteWorkers(),
        importFiles,
        sampleFraction(options),
        options.getRunId(),
        new RunSettings.Verify(
            options.getScanSegments(),
            options.getRepair(),
            options.getVerifyOutputDir(),
            options.getFindingsShown()),
        new RunSettings.PlanStats(PlanReport.statsDir(options), options.getHotKeys()),
        options.getMode() == MigrationOptions.Mode.SYNC
            ? ChangeLogSlot.syncSettings(options, source, target, slice, password)
            : null);
  }

  /** The share of the source a run reads: below 1 only in a plan that samples. */
  static double sampleFraction(MigrationOptions options) {
    return options.getMode() == MigrationOptions.Mode.PLAN ? options.getSampleFraction() : 1.0;
  }

  static boolean onDirectRunner(MigrationOptions options) {
    return options.getRunner() != null
        && options.getRunner().getSimpleName().equals("DirectRunner");
  }

  /**
   * Refuses a DirectRunner run whose ticket rows would not fit in this JVM's heap, before an hour
   * of reading ends in an OutOfMemoryError: the Flink bundle streams them through a fixed heap.
   */
  private static void requireHeapFor(
      SourceInspector inspector, Slice slice, List<KV<Long, Long>> ranges, double fraction) {
    if (ranges.isEmpty()) {
      return;
    }
    long rows =
        inspector.count(SourceTable.SPORTING_EVENT_TICKET.tableName(), null)
            + inspector.count(SourceTable.TICKET_PURCHASE_HIST.tableName(), null);
    if (slice.slicesTickets()) {
      // an id slice reads its share of the id space; a date slice is not known before the read
      double span = (double) ranges.get(ranges.size() - 1).getValue() - ranges.get(0).getKey() + 1;
      long[] all = inspector.idBounds(SourceTable.SPORTING_EVENT_TICKET.tableName(), "id");
      if (all != null) {
        rows = (long) (rows * Math.min(1, span / ((double) all[1] - all[0] + 1)));
      }
    }
    long needed = (long) (rows * fraction) * DIRECT_RUNNER_BYTES_PER_ROW;
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap) {
      throw new MigrationException(
          String.format(
              "the source's ticket tables hold about %,d rows%s: the DirectRunner keeps them in"
                  + " memory (~%,d MB), more than this JVM's heap (%,d MB): run the Flink bundle"
                  + " (java -jar runners/flink/target/ticket-migration-flink.jar"
                  + " --runner=FlinkRunner, same options), give more heap (-Xmx), or pass"
                  + " --force=true to try anyway",
              (long) (rows * fraction),
              fraction < 1 ? " in the sample" : "",
              needed >> 20,
              heap >> 20));
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
   * Ranges covering the ids of both ticket tables (so orphan history rows are read too), cut to the
   * slice's id bounds.
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
    long min =
        Math.min(
            tickets != null ? tickets[0] : Long.MAX_VALUE,
            history != null ? history[0] : Long.MAX_VALUE);
    long max =
        Math.max(
            tickets != null ? tickets[1] : Long.MIN_VALUE,
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
    return Migrate.idRanges(min, max, partitions);
  }

  private static String ticketIdColumn(SourceTable table) {
    return table == SourceTable.SPORTING_EVENT_TICKET
        ? "id"
        : TicketItemBuilder.HISTORY_TICKET_COLUMN;
  }

  static int autoPartitions(long min, long max) {
    double span = (double) max - (double) min + 1;
    return (int) Math.max(4, Math.min(1000, Math.ceil(span / 50_000)));
  }

  static DynamoTarget target(MigrationOptions options) {
    String endpoint = options.getDynamoEndpoint();
    String region = options.getDynamoRegion();
    DynamoTarget target;
    if (endpoint != null && options.getDynamoLocal()) {
      target = DynamoTarget.local(endpoint);
      if (region != null) {
        target = target.withRegion(region);
      }
    } else {
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
    return target
        .withTablePrefix(options.getTablePrefix())
        .withMaxRetries(options.getWriteRetries())
        .withMaxBackoffMillis(options.getWriteMaxBackoffMillis());
  }
}
