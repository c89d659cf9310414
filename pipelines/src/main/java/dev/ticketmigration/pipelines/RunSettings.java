package dev.ticketmigration.pipelines;

import dev.ticketmigration.pipelines.sync.SyncSettings;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.reading.IdSample;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A run's settings: everything its graph needs, resolved and checked before the graph is built
 * (where to read, which slice, how to split the ticket tables, where to write items, dead letters
 * and findings). {@link RunSettingsResolver} makes them from the options, the source and the
 * target; the graph builders read nothing else.
 *
 * @param slice the tables and ticket range/event dates this run covers
 * @param ticketRanges inclusive ticket-id ranges covering both ticket tables within the slice
 * @param nullIdTables the ticket tables whose id column may hold NULL: only these get the extra
 *     query for NULL ids, in the slice that owns them (a NOT NULL column needs none, and its read
 *     then stays one stream, which runners can chain without copying every row)
 * @param fractionalIdTables the tables whose id column may hold fractions or numbers beyond BIGINT
 *     (ticket tables are read in half-open ranges, see ReadByIdRanges; a sampled run samples these
 *     in the pipeline, as the database cannot compute the sample on them)
 * @param progress progress-line settings, with the expected item count when known
 * @param writeRatePerJvm cap on items written per second per JVM (0: none)
 * @param importFiles where IMPORT_FILES writes, or null
 * @param sampleFraction the share of source rows read (1: all; below 1 only for a plan)
 * @param runId this run's id, part of the names of the files it writes
 * @param verify what a verify run scans, where its findings go, and whether it repairs
 * @param planStats where a plan run's statistics go, and how many hot keys it lists
 * @param sync what a sync follows and when it stops; null unless the run is a sync
 */
public record RunSettings(
    SourceDatabase source,
    DynamoTarget target,
    Slice slice,
    List<KV<Long, Long>> ticketRanges,
    Set<String> nullIdTables,
    Set<String> fractionalIdTables,
    String deadLetterDir,
    Progress.Settings progress,
    double writeRatePerJvm,
    ImportFiles importFiles,
    double sampleFraction,
    String runId,
    Verify verify,
    PlanStats planStats,
    @Nullable SyncSettings sync)
    implements Serializable {

  /** A verify run's settings. */
  public record Verify(int scanSegments, boolean repair, String outputDir, int findingsShown)
      implements Serializable {}

  /** A plan run's statistics: the folder they go to and how many hot keys each lists. */
  public record PlanStats(String dir, int hotKeys) implements Serializable {}

  /** Where IMPORT_FILES writes, or null when items go to DynamoDB. */
  public record ImportFiles(String directory, int shards) implements Serializable {
    /** The folder of one target table. */
    public String tableDirectory(String tableName) {
      return (directory.endsWith("/") ? directory : directory + "/") + tableName;
    }
  }

  public boolean samples() {
    return sampleFraction < 1;
  }

  /** The ids a sampled run reads (every id when it does not sample). */
  public IdSample sample() {
    return IdSample.of(sampleFraction);
  }

  public List<SourceTable> configTables() {
    return slice.configTables();
  }

  public boolean migratesConfig() {
    return !slice.configTables().isEmpty();
  }

  public boolean migratesTicketSales() {
    return slice.ticketSales();
  }

  /** The physical name of a target table, with the run's prefix. */
  public String tableName(TargetTable table) {
    return table.tableName(target.tablePrefix());
  }
}
