package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketmigration.transforms.reading.IdSample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sampled plan asks the database for its sample: the SQL predicate keeps exactly the ids the Java
 * rule keeps on every source (INT and BIGINT columns, negative ids and BIGINT's extremes), the rows
 * a plan reads scale with the fraction, a ticket keeps its whole history, and the scaled-up figures
 * stay close to a full plan's.
 */
class SampleAtSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DynamoAndSource SOURCE = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 8_000, 23);

  @ParameterizedTest
  @EnumSource(TestSource.Kind.class)
  void theDatabaseKeepsTheIdsTheJavaRuleKeeps(TestSource.Kind kind) throws Exception {
    List<Long> ids = new ArrayList<>();
    LongStream.rangeClosed(-3_000, 3_000).forEach(ids::add);
    ids.addAll(List.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    ids.addAll(List.of((long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 46_337L, 92_674L));
    try (TestSource source = TestSource.create(kind)) {
      source.exec(
          "CREATE TABLE " + source.table("big_ids") + " (id BIGINT)",
          "CREATE TABLE " + source.table("int_ids") + " (id INT)");
      try (Connection c = source.connect()) {
        insert(c, source.table("big_ids"), ids);
        insert(
            c, source.table("int_ids"), ids.stream().filter(id -> id == (int) (long) id).toList());
      }
      for (double fraction : new double[] {0.01, 0.1, 0.5, 0.999}) {
        IdSample sample = IdSample.of(fraction);
        for (String table : List.of("big_ids", "int_ids")) {
          TreeSet<Long> expected = new TreeSet<>();
          try (Connection c = source.connect();
              Statement st = c.createStatement();
              ResultSet all = st.executeQuery("SELECT id FROM " + source.table(table))) {
            while (all.next()) {
              if (sample.keeps(all.getLong(1))) {
                expected.add(all.getLong(1));
              }
            }
          }
          TreeSet<Long> kept = new TreeSet<>();
          try (Connection c = source.connect();
              Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT id FROM "
                          + source.table(table)
                          + " WHERE "
                          + sample.predicate("id"))) {
            while (rs.next()) {
              kept.add(rs.getLong(1));
            }
          }
          assertEquals(expected, kept, kind + " " + table + " at " + fraction);
          // neighbouring ids are spread: the kept share of 6,001 consecutive ids is the fraction
          long near = kept.stream().filter(id -> Math.abs(id) <= 3_000).count();
          assertEquals(fraction, near / 6_001.0, 0.02, kind + " " + table + " at " + fraction);
        }
      }
    }
  }

  @Test
  void aSampledPlanReadsItsShareAndEstimatesTheWhole(@TempDir Path out) throws Exception {
    Sampled full = plan(out.resolve("full"), 1.0);
    Sampled sampled = plan(out.resolve("sampled"), 0.25);

    JsonNode fullRows = full.report().path("rows_read");
    JsonNode sampledRows = sampled.report().path("rows_read");
    for (String table : List.of("sporting_event_ticket", "ticket_purchase_hist", "person")) {
      double share = sampledRows.path(table).asDouble() / fullRows.path(table).asDouble();
      assertEquals(0.25, share, 0.03, table + ": " + sampledRows + " of " + fullRows);
    }
    // nothing is dropped in the pipeline any more: a 25 % plan transfers about 25 % of the rows
    long fullTotal = sum(fullRows);
    long sampledTotal = sum(sampledRows);
    assertTrue(sampledTotal < fullTotal * 0.4, sampledTotal + " of " + fullTotal + " rows read");
    // the sampled events still have their team names (all teams are read for the names)
    assertEquals(
        0, sampled.report().path("rows_rejected_total").asLong(), sampled.report().toString());

    // a ticket and its history are sampled together: every sampled history row joined its ticket
    JsonNode tickets = sampled.plan().at("/tables/sample_ticket_sales");
    JsonNode fullTickets = full.plan().at("/tables/sample_ticket_sales");
    for (String entity : List.of("TICKET", "TRANSFER")) {
      double ratio =
          tickets.at("/items/" + entity).asDouble() / fullTickets.at("/items/" + entity).asDouble();
      assertEquals(1.0, ratio, 0.12, entity + " items estimated from the sample");
    }
    double units = sampled.plan().get("write_units_total").asDouble();
    assertEquals(1.0, units / full.plan().get("write_units_total").asDouble(), 0.1, "write units");
    assertEquals(0.25, sampled.plan().get("sample_fraction").asDouble(), 1e-9);
  }

  private record Sampled(JsonNode plan, JsonNode report) {}

  private static Sampled plan(Path dir, double fraction) throws Exception {
    Path planFile = dir.resolve("plan.json");
    Path report = dir.resolve("report.json");
    Run run =
        Run.migrate(
            SOURCE.source(),
            "http://127.0.0.1:1",
            "sample_",
            dir,
            "--mode=PLAN",
            "--sampleFraction=" + fraction,
            "--planPath=" + planFile,
            "--reportPath=" + report);
    assertEquals(0, run.exit(), run.output());
    return new Sampled(JSON.readTree(planFile.toFile()), JSON.readTree(report.toFile()));
  }

  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode n : counts) {
      total += n.asLong();
    }
    return total;
  }

  private static void insert(Connection c, String table, List<Long> ids) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
      for (long id : ids) {
        ps.setLong(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
