package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/**
 * The verify graph as built: the scanned items pass the slice's scope before they are compared, a
 * date slice reads the source's event dates for it, extra items pass the guard of rejected rows
 * before any delete, and repair writes and deletes go through the write-rate cap.
 */
class VerifyGraphTest {

  private static RunSettings settings(Slice slice, double ratePerJvm, boolean repair) {
    SourceDatabase source =
        SourceDatabase.of(JdbcIO.DataSourceConfiguration.create("org.h2.Driver", "jdbc:h2:mem:g"));
    return new RunSettings(
        source,
        DynamoTarget.local("http://127.0.0.1:1").withTablePrefix("g_"),
        slice,
        List.of(KV.of(1L, 100L)),
        Set.of(),
        Set.of(),
        "/tmp/dead-letters",
        Progress.Settings.OFF,
        ratePerJvm,
        null,
        1.0,
        "graph",
        new RunSettings.Verify(4, repair, "/tmp/verify", 10),
        new RunSettings.PlanStats("/tmp/plan-stats", 5),
        null);
  }

  private static List<String> steps(RunSettings settings) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    VerifyPipeline.build(pipeline, settings);
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    return names;
  }

  private static boolean has(List<String> steps, String name) {
    return steps.stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "/"));
  }

  @Test
  void repairIsRateLimitedAndDeletesPassTheGuard() {
    Slice all =
        new Slice(SourceTable.ofKind(SourceTable.Kind.CONFIG), true, null, null, null, null);
    List<String> steps = steps(settings(all, 50, true));
    assertTrue(has(steps, "RepairPut.ticket_sales/LimitRate"), steps.toString());
    assertTrue(has(steps, "RepairDelete.ticket_sales/LimitRate"), steps.toString());
    assertTrue(has(steps, "RepairPut.config/LimitRate"), steps.toString());
    assertTrue(has(steps, "RepairDelete.config/LimitRate"), steps.toString());
    assertTrue(has(steps, "GuardDeletes.ticket_sales"), steps.toString());
    assertTrue(has(steps, "Scope.ticket_sales"), steps.toString());
    assertFalse(has(steps, "EventDates"), "no date slice, no event dates: " + steps);

    List<String> readOnly = steps(settings(all, 50, false));
    assertFalse(readOnly.stream().anyMatch(s -> s.contains("Repair")), readOnly.toString());
  }

  @Test
  void dateSliceReadsTheEventDatesOnce() {
    Slice byDate =
        new Slice(
            List.of(SourceTable.SPORTING_EVENT),
            true,
            null,
            null,
            LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-02-01"));
    List<String> steps = steps(settings(byDate, 0, true));
    assertTrue(steps.stream().filter(s -> s.equals("EventDates")).count() == 1, steps.toString());
    assertFalse(has(steps, "RepairPut.ticket_sales/LimitRate"), "no cap set: " + steps);
  }
}
