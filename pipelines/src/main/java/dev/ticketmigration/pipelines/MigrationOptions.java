package dev.ticketmigration.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options of the migration. Without {@code --sourceUrl} it runs the embedded default: an H2
 * database filled by the data generator, migrated into a dynalite started for the run.
 */
public interface MigrationOptions extends PipelineOptions {

  /** What a run does. */
  enum Mode {
    /** Copy the source into the target tables. */
    MIGRATE,
    /** Compare source and target item by item; with --repair, rewrite what differs. */
    VERIFY,
    /** A dry run: read and build every item, write nothing, report size, cost and hot keys. */
    PLAN,
    /**
     * Read every selected row through the migration's readers and count it; build and write
     * nothing. What the source can give: tune --readPartitions and --fetchSize with it.
     */
    READ,
    /**
     * Mark both target tables as cut over (a table tag) before the application is switched to them:
     * every later run that writes items into them refuses unless --ignoreCutOver=true.
     */
    CUT_OVER,
    /**
     * Follow the source's change log and keep both target tables equal to what a fresh migration
     * would write now, until stopped (or caught up, with --stopWhenCaughtUp=true). PostgreSQL.
     */
    SYNC
  }

  @Description(
      "MIGRATE copies the source into DynamoDB; VERIFY compares source and target item by"
          + " item and exits 0 only when they agree (add --repair to rewrite what differs); PLAN builds"
          + " every item and reports size, cost and hot keys without writing; READ only reads and"
          + " counts the source rows (source throughput, for tuning --readPartitions and --fetchSize);"
          + " CUT_OVER, the last step before the application is switched to DynamoDB, tags both target"
          + " tables as cut over so later MIGRATE and VERIFY --repair runs refuse to overwrite them;"
          + " SYNC follows the source's change log (PostgreSQL logical replication) and keeps both"
          + " tables up to date until the switch (docs/operations.md, cut-over with sync).")
  @Default.Enum("MIGRATE")
  Mode getMode();

  void setMode(Mode value);

  /** Where a migration writes its items. */
  enum Sink {
    /** BatchWriteItem into the live tables. */
    DYNAMODB,
    /** Gzip DynamoDB JSON files for DynamoDB's Import from S3 into new tables. */
    IMPORT_FILES
  }

  @Description(
      "DYNAMODB writes into the tables with BatchWriteItem; IMPORT_FILES writes gzip"
          + " DynamoDB JSON files (plus each table's creation parameters) under --exportDir for"
          + " DynamoDB's Import from S3, which fills a new table without consuming write capacity.")
  @Default.Enum("DYNAMODB")
  Sink getSink();

  void setSink(Sink value);

  @Description("IMPORT_FILES: folder or s3:// prefix for the files, one sub-folder per table.")
  @Default.String("migration-output/import")
  String getExportDir();

  void setExportDir(String value);

  @Description("IMPORT_FILES: files per table (0: the runner decides).")
  @Default.Integer(0)
  Integer getExportShards();

  void setExportShards(Integer value);

  @Description("Plan: the share of the source to read (0 < f <= 1); figures are scaled up.")
  @Default.Double(1.0)
  Double getSampleFraction();

  void setSampleFraction(Double value);

  @Description(
      "DirectRunner: run even when the source's ticket tables look larger than this JVM's heap"
          + " can hold (the DirectRunner keeps every row in memory; the Flink bundle does not).")
  @Default.Boolean(false)
  Boolean getForce();

  void setForce(Boolean value);

  @Description("Plan: where to write the plan as JSON.")
  @Default.String("migration-output/plan.json")
  String getPlanPath();

  void setPlanPath(String value);

  @Description(
      "Plan: US dollars per million write request units (on-demand). Default: us-east-1"
          + " list price for the Standard table class, checked 2026-11-28.")
  @Default.Double(0.625)
  Double getWritePricePerMillion();

  void setWritePricePerMillion(Double value);

  @Description(
      "Plan: write request units per second the estimate assumes (40,000 is an"
          + " on-demand table's default maximum).")
  @Default.Long(40_000)
  Long getPlanWriteUnitsPerSecond();

  void setPlanWriteUnitsPerSecond(Long value);

  @Description("Plan: how many of the hottest partition keys to list per table and index.")
  @Default.Integer(5)
  Integer getHotKeys();

  void setHotKeys(Integer value);

  @Description("Verify: put back missing and different items and delete extra ones.")
  @Default.Boolean(false)
  Boolean getRepair();

  void setRepair(Boolean value);

  @Description(
      "Write into target tables marked by --mode=CUT_OVER anyway (MIGRATE into DynamoDB,"
          + " VERIFY --repair): the source's state replaces what the application wrote since. For a"
          + " deliberate roll-back or re-load only.")
  @Default.Boolean(false)
  Boolean getIgnoreCutOver();

  void setIgnoreCutOver(Boolean value);

  @Description("Verify: folder for the findings (JSON Lines: table, kind, key, detail).")
  @Default.String("migration-output/verify")
  String getVerifyOutputDir();

  void setVerifyOutputDir(String value);

  @Description("Verify: parallel scan segments per target table.")
  @Default.Integer(8)
  Integer getScanSegments();

  void setScanSegments(Integer value);

  @Description("Verify: how many findings of each kind to print.")
  @Default.Integer(10)
  Integer getFindingsShown();

  void setFindingsShown(Integer value);

  @Description(
      "JDBC URL of the DMS_SAMPLE source, e.g. jdbc:sqlserver://host:1433;databaseName=dms_sample,"
          + " jdbc:postgresql://host/db, jdbc:mariadb://host/db. Unset: the embedded H2 demo"
          + " database, filled by the data generator.")
  String getSourceUrl();

  void setSourceUrl(String value);

  @Description("User name for the source database.")
  String getSourceUser();

  void setSourceUser(String value);

  @Description(
      "Name of the environment variable holding the source password (never pass the password"
          + " itself as an option).")
  @Default.String("SOURCE_PASSWORD")
  String getSourcePasswordEnv();

  void setSourcePasswordEnv(String value);

  @Description("File whose first line is the source password; used instead of --sourcePasswordEnv.")
  String getSourcePasswordFile();

  void setSourcePasswordFile(String value);

  @Description(
      "Schema (or database) holding the source tables, e.g. dms_sample. Unset: the"
          + " connection's default.")
  String getSourceSchema();

  void setSourceSchema(String value);

  @Description(
      "DynamoDB endpoint, e.g. a VPC interface endpoint or https://dynamodb-fips.us-east-1"
          + ".amazonaws.com. Requests to it are signed with your AWS credentials (default chain,"
          + " or --awsCredentialsProvider). Unset: real AWS DynamoDB, or the local dynalite for"
          + " the embedded demo. 'local' starts a local dynalite for this run.")
  String getDynamoEndpoint();

  void setDynamoEndpoint(String value);

  @Description(
      "--dynamoEndpoint is a local DynamoDB that checks no signature (e.g. a dynalite you"
          + " started): sign with a fixed dummy key instead of your AWS credentials, and allow"
          + " the embedded demo source to write into it.")
  @Default.Boolean(false)
  Boolean getDynamoLocal();

  void setDynamoLocal(Boolean value);

  @Description(
      "AWS region of the target tables. Unset: the default region chain (us-east-1 for a"
          + " local endpoint).")
  String getDynamoRegion();

  void setDynamoRegion(String value);

  @Description("Prefix of the target table names: <prefix>ticket_sales and <prefix>config.")
  @Default.String("")
  String getTablePrefix();

  void setTablePrefix(String value);

  @Description("Create missing target tables (on-demand billing, the SPEC's keys and GSIs).")
  @Default.Boolean(true)
  Boolean getCreateTables();

  void setCreateTables(Boolean value);

  @Description(
      "Parallel read partitions of the ticket-id range; 0 picks one per 50,000 ids"
          + " (between 4 and 1,000).")
  @Default.Integer(0)
  Integer getReadPartitions();

  void setReadPartitions(Integer value);

  @Description(
      "Rows fetched per round trip from the source; cursors stream, so memory stays" + " bounded.")
  @Default.Integer(10_000)
  Integer getFetchSize();

  void setFetchSize(Integer value);

  @Description(
      "Folder (any Beam file system path) for the dead-letter JSON Lines files of"
          + " rejected rows.")
  @Default.String("migration-output/dead-letters")
  String getDeadLetterDir();

  void setDeadLetterDir(String value);

  @Description(
      "Embedded demo: folder keeping the H2 source and the local DynamoDB data so later"
          + " commands can reopen them. Unset: a temporary folder removed at exit.")
  String getLocalDataDir();

  void setLocalDataDir(String value);

  @Description("Embedded demo: approximate number of tickets the generator creates.")
  @Default.Long(5_000)
  Long getDemoTickets();

  void setDemoTickets(Long value);

  @Description("Embedded demo: seed of the data generator (same seed, same data).")
  @Default.Long(42)
  Long getDemoSeed();

  void setDemoSeed(Long value);

  @Description(
      "Id of this run, part of the name of every file it writes (dead letters, verify"
          + " findings, plan statistics) and of its run report, so re-runs, parallel slices, plans and"
          + " verifies sharing a folder never overwrite each other's files; 1-64 letters, digits, '_',"
          + " '-', '.'. Unset: the start time plus a random suffix, e.g. 20261201T203000Z-7f3a.")
  String getRunId();

  void setRunId(String value);

  @Description(
      "Where to write the machine-readable JSON run report (mode, state, exit code,"
          + " the error line, counts, rejected rows, retries, duration, options without secrets),"
          + " replacing any earlier report at the path; written by every run, also one that fails."
          + " Empty: no report.")
  @Default.String("migration-output/run-report.json")
  String getReportPath();

  void setReportPath(String value);

  @Description(
      "How many rejected (dead-lettered) rows the run tolerates before it exits non-zero"
          + " (exit code 4); -1: any number.")
  @Default.Long(0)
  Long getMaxRejectedRows();

  void setMaxRejectedRows(Long value);

  @Description("Seconds between progress lines (rows read, items written, items/s, ETA); 0: off.")
  @Default.Integer(10)
  Integer getProgressIntervalSeconds();

  void setProgressIntervalSeconds(Integer value);

  @Description(
      "Slice: comma-separated source tables to migrate (default: all twelve)."
          + " sporting_event_ticket and ticket_purchase_hist go together (name either).")
  String getTables();

  void setTables(String value);

  @Description("Slice: comma-separated source tables to leave out.")
  String getExcludeTables();

  void setExcludeTables(String value);

  @Description("Slice: smallest ticket id to migrate (inclusive).")
  Long getMinTicketId();

  void setMinTicketId(Long value);

  @Description("Slice: largest ticket id to migrate (inclusive).")
  Long getMaxTicketId();

  void setMaxTicketId(Long value);

  @Description("Slice: migrate tickets of events starting on or after this date (yyyy-MM-dd).")
  String getEventDateFrom();

  void setEventDateFrom(String value);

  @Description("Slice: migrate tickets of events starting before this date (yyyy-MM-dd).")
  String getEventDateTo();

  void setEventDateTo(String value);

  @Description(
      "Cap on items written per second across the run, so a migration into a live table"
          + " leaves capacity to production traffic; 0: no cap. With several worker JVMs set"
          + " --writeWorkers so each takes its share.")
  @Default.Integer(0)
  Integer getMaxWriteRate();

  void setMaxWriteRate(Integer value);

  @Description(
      "Retries of a throttled, failed or dropped DynamoDB call (exponential backoff from"
          + " 100 ms, 500 ms when throttled, at most 20 s apart); unprocessed batch items are re-sent"
          + " separately by the writer.")
  @Default.Integer(10)
  Integer getWriteRetries();

  void setWriteRetries(Integer value);

  @Description(
      "Longest wait in milliseconds between two retries of a DynamoDB call (throttled,"
          + " failed, or unprocessed items re-sent): the waits grow from 100 ms (500 ms when"
          + " throttled) up to it, with jitter. The writer re-sends a batch's unprocessed items up to"
          + " 25 times, so this bounds how long a stuck batch holds a worker.")
  @Default.Long(20_000)
  Long getWriteMaxBackoffMillis();

  void setWriteMaxBackoffMillis(Long value);

  @Description("Number of worker JVMs (TaskManagers, executors) that share --maxWriteRate.")
  @Default.Integer(1)
  Integer getWriteWorkers();

  void setWriteWorkers(Integer value);

  @Description(
      "Change-log start the sync follows (lower-case letters, digits, _): a replication slot on"
          + " PostgreSQL; on MySQL and SQL Server the name of the position kept in --syncStateDir."
          + " Give it to the MIGRATE run too: the start is then taken before the copy reads"
          + " anything, so no change made during the copy is lost. SYNC uses ticket_migration when"
          + " unset.")
  String getSyncSlot();

  void setSyncSlot(String value);

  @Description(
      "PostgreSQL: publication of the DMS_SAMPLE tables the slot streams (created when missing).")
  @Default.String("ticket_migration")
  String getSyncPublication();

  void setSyncPublication(String value);

  @Description(
      "Folder where the sync keeps its confirmed change-log position; a restarted sync resumes"
          + " from it. Must survive a restart of the machine that runs the sync. On MySQL and SQL"
          + " Server the MIGRATE run with --syncSlot stores the start here: give both the same.")
  @Default.String("migration-output/sync-state")
  String getSyncStateDir();

  void setSyncStateDir(String value);

  @Description(
      "SYNC: exit 0 as soon as every change committed at the source before this moment is in"
          + " DynamoDB (lag 0). Stop the application's writes first, then run this: its exit is the"
          + " moment to switch.")
  @Default.Boolean(false)
  Boolean getStopWhenCaughtUp();

  void setStopWhenCaughtUp(Boolean value);

  @Description(
      "SYNC: tickets rebuilt and written in parallel within one batch of changes (threads, each"
          + " with its own share of the keys).")
  @Default.Integer(8)
  Integer getSyncLanes();

  void setSyncLanes(Integer value);
}
