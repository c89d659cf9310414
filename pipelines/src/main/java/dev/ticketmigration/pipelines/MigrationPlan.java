package dev.ticketmigration.pipelines;

import dev.ticketmigration.transforms.DynamoTarget;
import dev.ticketmigration.transforms.SourceDatabase;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Everything the migration graph needs, resolved and checked before the graph is built: where to
 * read, how to split the ticket tables, where to write items and dead letters.
 *
 * @param ticketRanges inclusive ticket-id ranges covering both ticket tables
 */
public record MigrationPlan(
    SourceDatabase source,
    DynamoTarget target,
    List<KV<Long, Long>> ticketRanges,
    String deadLetterDir)
    implements Serializable {}
