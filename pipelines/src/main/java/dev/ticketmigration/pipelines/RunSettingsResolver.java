package dev.ticketmigration.pipelines;

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
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Turns checked options into a run's {@link RunSettings}: opens the source to check its tables and
 * measure the ticket ids the parallel reads split, resolves the DynamoDB target (endpoint, region,
 * whose credentials) and checks or creates its tables, so that every problem with the services is
 * one clear message before any pipeline is built.
 */
final class RunSettingsResolver {
  private RunSettingsResolver() {}

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
      }
      if (options.getProgressIntervalSeconds() > 0
          && !slice.slicesTickets()
          && !progressItems(options.getMode()).isEmpty()) {
        expectedItems = expectedItems(inspector, slice);
      }
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
            progressItems(options.getMode())),
        options.getMaxWriteRate() / (double) options.getWriteWorkers(),
        importFiles,
        plan ? options.getSampleFraction() : 1.0,
        options.getRunId(),
        new RunSettings.Verify(
            options.getScanSegments(),
            options.getRepair(),
            options.getVerifyOutputDir(),
            options.getFindingsShown()),
        new RunSettings.PlanStats(PlanReport.statsDir(options), options.getHotKeys()));
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
