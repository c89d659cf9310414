package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.CheckTransfers;
import dev.ticketmigration.transforms.CompareItems;
import dev.ticketmigration.transforms.ConfigItems;
import dev.ticketmigration.transforms.CountItems;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.ReadTableItems;
import dev.ticketmigration.transforms.TicketSalesItems;
import dev.ticketmigration.transforms.VerifyFinding;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.WriteItems;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verify graph: the items the source must become (through the migration's own reads and item
 * builders) joined by key with the items each table holds; every missing, extra or different item
 * and every ticket whose history and transfer items disagree becomes a finding. With repair, the
 * expected item is put back and extra items are deleted.
 */
public final class VerifyPipeline {
  private VerifyPipeline() {}

  /** Where the findings go: JSON Lines under {@code dir}. */
  static String findingsPrefix(String dir) {
    return (dir.endsWith("/") ? dir : dir + "/") + "findings";
  }

  public static void build(
      Pipeline pipeline, MigrationPlan plan, int scanSegments, boolean repair, String outputDir) {
    PCollectionList<VerifyFinding> findings = PCollectionList.empty(pipeline);
    PCollectionList<DeadLetter> deadLetters =
        PCollectionList.empty(pipeline);
    if (plan.migratesConfig()) {
      PCollectionTuple config = pipeline.apply("ConfigFromSource", new ConfigFromSource(plan));
      findings =
          findings.and(
              compare(pipeline, plan, TargetTable.CONFIG, config.get(ConfigItems.ITEMS),
                  scanSegments, repair));
      deadLetters = deadLetters.and(config.get(DeadLetters.TAG));
    }
    if (plan.migratesTicketSales()) {
      PCollectionTuple tickets =
          pipeline.apply("TicketSalesFromSource", new TicketSalesFromSource(plan));
      findings =
          findings.and(
              compare(pipeline, plan, TargetTable.TICKET_SALES,
                  tickets.get(TicketSalesItems.ITEMS), scanSegments, repair));
      deadLetters = deadLetters.and(tickets.get(DeadLetters.TAG));
    }
    findings
        .apply("FlattenFindings", Flatten.pCollections())
        .setCoder(VerifyFinding.coder())
        .apply("ToJsonLines", MapElements.into(TypeDescriptors.strings()).via(VerifyFinding::toJsonLine))
        .apply(
            "WriteFindings",
            TextIO.write().to(findingsPrefix(outputDir)).withSuffix(".jsonl").withNumShards(1));
    // rows the source cannot migrate are expected to be absent; they are reported, not findings
    deadLetters
        .apply("FlattenDeadLetters", Flatten.pCollections())
        .setCoder(DeadLetter.coder())
        .apply("DeadLetters", WriteDeadLetters.to(plan.deadLetterDir()));
  }

  private static PCollection<VerifyFinding> compare(
      Pipeline pipeline,
      MigrationPlan plan,
      TargetTable table,
      PCollection<Map<String, AttributeValue>> expected,
      int scanSegments,
      boolean repair) {
    String name = plan.tableName(table);
    String step = table.baseName();
    PCollection<Map<String, AttributeValue>> actual =
        pipeline
            .apply("Scan." + step, ReadTableItems.from(plan.target(), name, scanSegments))
            .apply("CountActual." + step, CountItems.as(MetricNames.VERIFY_ACTUAL, name));
    PCollectionTuple compared =
        PCollectionTuple.of(
                CompareItems.EXPECTED,
                expected.apply(
                    "CountExpected." + step, CountItems.as(MetricNames.VERIFY_EXPECTED, name)))
            .and(CompareItems.ACTUAL, actual)
            .apply("Compare." + step, CompareItems.of(name));
    PCollectionList<VerifyFinding> findings = PCollectionList.of(compared.get(CompareItems.FINDINGS));
    if (table == TargetTable.TICKET_SALES) {
      findings = findings.and(actual.apply("CheckTransfers", CheckTransfers.in(name)));
    }
    if (repair) {
      compared
          .get(CompareItems.TO_PUT)
          .apply("RepairPut." + step, WriteItems.to(plan.target(), name));
      compared
          .get(CompareItems.TO_DELETE)
          .apply("RepairDelete." + step, WriteItems.deleteFrom(plan.target(), name));
    }
    return findings.apply("FlattenFindings." + step, Flatten.pCollections());
  }
}
