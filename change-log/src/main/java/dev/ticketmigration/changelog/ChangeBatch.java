package dev.ticketmigration.changelog;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The dirty keys of one batch the change log delivered, in the source's commit order. Hand it back
 * to {@link ChangeLogReader#confirm} once its keys are rebuilt: only then does the reader store its
 * position and let the source release the log behind it.
 *
 * <p><b>Position.</b> Rebuild the batch's keys from a fresh read of the source and the written
 * items reflect every transaction whose commit LSN is at most {@link #position}; positions never
 * decrease from one batch to the next of a reader run (a restarted run delivers unconfirmed batches
 * again, with their positions again). It is Debezium's {@code lsn_commit} of the last record the
 * engine handed over with the batch: the end of the commit record of the last transaction whose
 * COMMIT the connector had processed by then ({@code PostgresStreamingChangeEventSource
 * .commitMessage}; the commit LSNs pgoutput sends rise with its commit order; a non-transactional
 * logical-decoding message moves it to the message's own LSN, just as good). Every transaction with
 * a commit LSN up to it was decoded, so committed, before the batch was delivered, and a read after
 * that sees it (visibility permitting: a commit record can be decoded a moment before its
 * transaction is visible to new snapshots). Until a record carries {@code lsn_commit} (with a fresh
 * offset directory: until the first COMMIT) the position is the slot's {@code confirmed_flush_lsn}
 * read at {@link ChangeLogReader#start}, and it is never lower than that.
 *
 * <p>The position is not always as high as the commit LSN of the batch's own changes: Debezium does
 * not pass a transaction's commit LSN with its changes (pgoutput's BEGIN and COMMIT carry it, the
 * connector only logs it), only the records made after its COMMIT carry it. A batch that ends with
 * a change has the commit LSN of the transaction before that change's. That is lower than it could
 * be, never wrong: a later batch moves it on.
 *
 * @param session the reader run that delivered the batch; a batch of an earlier run is not
 *     confirmed (that run's unconfirmed changes are delivered again instead)
 * @param sequence the batch's number within its session, from 1
 * @param keys the batch's dirty keys, never empty
 * @param position a log position ({@link ChangeLogReader#formatPosition} shows it) such that the
 *     rebuilt keys reflect every transaction committed at or before it: a PostgreSQL LSN, a MySQL
 *     binlog coordinate (the transaction's start in the log, file number × 2^32 + offset), a SQL
 *     Server commit LSN (80 bits); positions of different sources are not comparable
 * @param lastCommitTime the latest {@link DirtyKey#commitTime} of the batch's keys
 * @param transactions PostgreSQL: the 32-bit ids (pgoutput's, without epoch) of the transactions
 *     whose changes the batch holds. A commit can reach the log a moment before the transaction is
 *     visible to new snapshots; a rebuild that reads before then would miss it, so it first checks
 *     these are visible. Empty for the other sources
 */
public record ChangeBatch(
    String session,
    long sequence,
    List<DirtyKey> keys,
    BigInteger position,
    Instant lastCommitTime,
    Set<Long> transactions)
    implements Serializable {

  private static final long serialVersionUID = 3L;

  public ChangeBatch {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(lastCommitTime, "lastCommitTime");
    keys = List.copyOf(keys);
    transactions = Set.copyOf(transactions);
  }
}
