package dev.ticketmigration.pipelines;

import dev.ticketmigration.pipelines.sync.FollowChangeLog;
import dev.ticketmigration.pipelines.sync.SyncSettings;
import dev.ticketmigration.pipelines.sync.SyncStatus;
import dev.ticketmigration.transforms.MetricNames;
import java.math.BigInteger;
import java.time.Duration;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * The SYNC mode graph: one element starts {@link FollowChangeLog}, which follows the source's
 * change log and keeps both target tables up to date. It runs until stopped, or with
 * --stopWhenCaughtUp=true until every change committed before it started is applied.
 */
final class SyncPipeline {
  private SyncPipeline() {}

  static void build(Pipeline pipeline, RunSettings settings) {
    SyncStatus.reset();
    pipeline
        .apply("Start", Impulse.create())
        .apply("FollowChangeLog", ParDo.of(new FollowChangeLog(settings.sync())));
  }

  /** A sync that ended on its own: it caught up. */
  static int finish(ModeGraph.Finished run) {
    SyncSettings sync = run.settings().sync();
    // this JVM's record when the sync ran here, else the workers' gauge (a cluster)
    BigInteger applied = SyncStatus.lastPosition(sync.slot());
    if (applied == null) {
      applied = positionGauge(run.result());
    }
    String position = applied == null ? null : sync.formatPosition(applied);
    Duration p50 = SyncStatus.lagPercentile(50);
    Duration p99 = SyncStatus.lagPercentile(99);
    run.out()
        .println(
            "Caught up: every change committed at the source before the sync started is in"
                + " DynamoDB"
                + (position == null
                    ? " (no change was applied)"
                    : " (last position applied " + position + ")"));
    if (p50 != null) {
      run.out()
          .printf(
              "Lag when applied: p50 %.1f s, p99 %.1f s%n",
              p50.toMillis() / 1000.0, p99.toMillis() / 1000.0);
    }
    run.report()
        .sync(
            new RunReport.SyncOutcome(
                sync.slot(),
                position,
                p50 == null ? null : p50.toMillis() / 1000.0,
                p99 == null ? null : p99.toMillis() / 1000.0));
    return Migrate.rejectedRowsExit(run);
  }

  private static BigInteger positionGauge(PipelineResult result) {
    for (MetricResult<GaugeResult> gauge :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(MetricNames.NAMESPACE, MetricNames.SYNC_POSITION))
                    .build())
            .getGauges()) {
      GaugeResult value = gauge.getAttempted();
      if (value != null && value.getValue() > 0) {
        return BigInteger.valueOf(value.getValue());
      }
    }
    return null;
  }
}
