package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.beam.sdk.metrics.Metrics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one batch did, counted from the lane threads and handed to Beam's metrics on the DoFn's own
 * thread ({@link #flush}): Beam counts only on the thread that runs the DoFn.
 */
final class SyncCounters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void put(String table, Map<String, AttributeValue> item) {
    add(MetricNames.itemsWritten(table, entity(item)), 1);
    Progress.count(Progress.Phase.WRITING);
  }

  void deleted(String table, Map<String, AttributeValue> key) {
    add(MetricNames.itemsDeleted(table, entity(key)), 1);
  }

  void skippedNewer(String table) {
    add(MetricNames.syncSkippedNewer(table), 1);
  }

  void unchanged(String table) {
    add(MetricNames.syncUnchanged(table), 1);
  }

  void change(String sourceTable) {
    add(MetricNames.syncChanges(sourceTable), 1);
    Progress.count(Progress.Phase.APPLYING);
  }

  void rejected(String sourceTable) {
    add(MetricNames.rejected(sourceTable), 1);
    Progress.rowRejected();
  }

  long get(String name) {
    LongAdder adder = counts.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** Adds this batch's counts to the Beam counters; call on the DoFn's thread. */
  void flush() {
    counts.forEach(
        (name, count) -> Metrics.counter(MetricNames.NAMESPACE, name).inc(count.sumThenReset()));
  }

  private void add(String name, long n) {
    counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  /** The item's entity, or for a bare key the prefix of its sort key. */
  private static String entity(Map<String, AttributeValue> item) {
    AttributeValue entity = item.get(Attr.ENTITY);
    if (entity != null && entity.s() != null) {
      return entity.s();
    }
    AttributeValue sk = item.get(Attr.SK);
    String text = sk == null || sk.s() == null ? "" : sk.s();
    int hash = text.indexOf('#');
    return hash > 0 ? text.substring(0, hash) : "ITEM";
  }
}
