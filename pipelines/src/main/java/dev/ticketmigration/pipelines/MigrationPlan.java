package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.DynamoTarget;
import dev.ticketmigration.transforms.SourceDatabase;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Everything the migration graph needs, resolved and checked before the graph is built: where to
 * read, which tables, how to split the ticket tables, where to write items and dead letters.
 *
 * @param configTables the configuration tables to migrate (all ten unless sliced)
 * @param ticketSales whether to migrate the two ticket tables
 * @param ticketRanges inclusive ticket-id ranges covering both ticket tables
 */
public record MigrationPlan(
    SourceDatabase source,
    DynamoTarget target,
    List<SourceTable> configTables,
    boolean ticketSales,
    List<KV<Long, Long>> ticketRanges,
    String deadLetterDir)
    implements Serializable {

  public boolean migratesConfig() {
    return !configTables.isEmpty();
  }

  public boolean migratesTicketSales() {
    return ticketSales;
  }

  /** The physical name of a target table, with the run's prefix. */
  public String tableName(TargetTable table) {
    return table.tableName(target.tablePrefix());
  }
}
