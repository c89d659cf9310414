package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.CountItems;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.items.ConfigItems;
import dev.ticketmigration.transforms.items.TicketSalesItems;
import dev.ticketmigration.transforms.reading.EventDates;
import dev.ticketmigration.transforms.verify.CheckTransfers;
import dev.ticketmigration.transforms.verify.CompareItems;
import dev.ticketmigration.transforms.verify.GuardDeletes;
import dev.ticketmigration.transforms.verify.ReadTableItems;
import dev.ticketmigration.transforms.verify.ScopeItems;
import dev.ticketmigration.transforms.verify.TargetScope;
import dev.ticketmigration.transforms.verify.VerifyFinding;
import dev.ticketmigration.transforms.writing.WriteItems;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verify graph: the items the source must become (through the migration's own reads and item
 * builders) joined by key with the items each table holds within the run's slice; every missing,
 * extra or different item and every ticket whose history and transfer items disagree becomes a
 * finding. With repair, the expected item is put back and extra items are deleted, at the run's
 * write-rate cap, except items whose source rows this run rejected (kept and reported). Items
 * outside the slice are neither reported nor touched.
 */
public final class VerifyPipeline {
  private VerifyPipeline() {}

  /** Where the findings go: JSON Lines under {@code dir}, named per run. */
  static String findingsPrefix(String dir, String runId) {
    return (dir.endsWith("/") ? dir : dir + "/") + "findings-" + runId;
  }

  public static void build(Pipeline pipeline, RunSettings settings) {
    String runId = settings.runId();
    int scanSegments = settings.verify().scanSegments();
    boolean repair = settings.verify().repair();
    String outputDir = settings.verify().outputDir();
    PCollectionList<DeadLetter> rejected = PCollectionList.empty(pipeline);
    PCollection<Map<String, AttributeValue>> config = null;
    PCollection<Map<String, AttributeValue>> ticketSales = null;
    if (settings.migratesConfig()) {
      PCollectionTuple built = pipeline.apply("ConfigFromSource", new ConfigFromSource(settings));
      config = built.get(ConfigItems.ITEMS);
      rejected = rejected.and(built.get(DeadLetters.TAG));
    }
    if (settings.migratesTicketSales()) {
      PCollectionTuple built =
          pipeline.apply("TicketSalesFromSource", new TicketSalesFromSource(settings));
      ticketSales = built.get(TicketSalesItems.ITEMS);
      rejected = rejected.and(built.get(DeadLetters.TAG));
    }
    // rows the source cannot migrate are expected to be absent; they are reported, not findings,
    // and their items are never deleted
    PCollection<DeadLetter> deadLetters =
        rejected.apply("FlattenDeadLetters", Flatten.pCollections()).setCoder(DeadLetter.coder());
    deadLetters.apply("DeadLetters", WriteDeadLetters.to(settings.deadLetterDir(), runId));

    Compare compare = new Compare(pipeline, settings, scanSegments, repair, deadLetters);
    PCollectionList<VerifyFinding> findings = PCollectionList.empty(pipeline);
    if (config != null) {
      findings =
          findings.and(compare.table(TargetTable.CONFIG, config, settings.slice().configScope()));
    }
    if (ticketSales != null) {
      findings =
          findings.and(
              compare.table(
                  TargetTable.TICKET_SALES, ticketSales, settings.slice().ticketSalesScope()));
    }
    findings
        .apply("FlattenFindings", Flatten.pCollections())
        .setCoder(VerifyFinding.coder())
        .apply(
            "ToJsonLines",
            MapElements.into(TypeDescriptors.strings()).via(VerifyFinding::toJsonLine))
        .apply(
            "WriteFindings",
            TextIO.write()
                .to(findingsPrefix(outputDir, runId))
                .withSuffix(".jsonl")
                .withNumShards(1));
  }

  /** One table's comparison, scoped to the slice, with its guarded repair. */
  private static final class Compare {
    private final Pipeline pipeline;
    private final RunSettings settings;
    private final int scanSegments;
    private final boolean repair;
    private final PCollection<DeadLetter> deadLetters;
    private PCollectionView<Map<String, Iterable<String>>> eventDates;

    Compare(
        Pipeline pipeline,
        RunSettings settings,
        int scanSegments,
        boolean repair,
        PCollection<DeadLetter> deadLetters) {
      this.pipeline = pipeline;
      this.settings = settings;
      this.scanSegments = scanSegments;
      this.repair = repair;
      this.deadLetters = deadLetters;
    }

    PCollection<VerifyFinding> table(
        TargetTable table, PCollection<Map<String, AttributeValue>> expected, TargetScope scope) {
      String name = settings.tableName(table);
      String step = table.baseName();
      if (scope.needsEventDates() && eventDates == null) {
        eventDates = pipeline.apply("EventDates", EventDates.from(settings.source()));
      }
      PCollection<Map<String, AttributeValue>> actual =
          pipeline
              .apply("Scan." + step, ReadTableItems.from(settings.target(), name, scanSegments))
              .apply("Scope." + step, ScopeItems.of(scope, eventDates))
              .apply("CountActual." + step, CountItems.as(MetricNames.VERIFY_ACTUAL, name));
      PCollectionTuple compared =
          PCollectionTuple.of(
                  CompareItems.EXPECTED,
                  expected.apply(
                      "CountExpected." + step, CountItems.as(MetricNames.VERIFY_EXPECTED, name)))
              .and(CompareItems.ACTUAL, actual)
              .apply("Compare." + step, CompareItems.of(name));
      PCollectionTuple guarded =
          PCollectionTuple.of(GuardDeletes.CANDIDATES, compared.get(CompareItems.TO_DELETE))
              .and(GuardDeletes.REJECTED, deadLetters)
              .apply("GuardDeletes." + step, GuardDeletes.of(name, table));
      PCollectionList<VerifyFinding> findings =
          PCollectionList.of(compared.get(CompareItems.FINDINGS))
              .and(guarded.get(GuardDeletes.KEPT));
      if (table == TargetTable.TICKET_SALES) {
        findings = findings.and(actual.apply("CheckTransfers", CheckTransfers.in(name)));
      }
      if (repair) {
        // repair writes into a live table: it obeys the same cap as the migration
        compared
            .get(CompareItems.TO_PUT)
            .apply(
                "RepairPut." + step,
                WriteItems.to(settings.target(), name).withRateLimit(settings.writeRatePerJvm()));
        guarded
            .get(GuardDeletes.DELETES)
            .apply(
                "RepairDelete." + step,
                WriteItems.deleteFrom(settings.target(), name)
                    .withRateLimit(settings.writeRatePerJvm()));
      }
      return findings.apply("FlattenFindings." + step, Flatten.pCollections());
    }
  }
}
