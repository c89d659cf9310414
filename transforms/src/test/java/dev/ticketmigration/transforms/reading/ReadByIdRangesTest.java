package dev.ticketmigration.transforms.reading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.SourceRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel id-range reads on a real H2 database read every row they own exactly once: ids below and
 * above the measured ranges when the ends are open, NULL ids when asked, and, for an id column that
 * may hold fractions or numbers beyond BIGINT, the fractions between two ranges.
 */
class ReadByIdRangesTest {
  private String url;
  private Connection keepAlive;

  @BeforeEach
  void createTables() throws Exception {
    url = "jdbc:h2:mem:r" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    keepAlive = DriverManager.getConnection(url, "sa", "");
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE whole (id BIGINT, v VARCHAR(5))");
      s.execute(
          "INSERT INTO whole VALUES (-5, 'a'), (1, 'b'), (10, 'c'), (11, 'd'), (NULL, 'e'),"
              + " (9223372036854775807, 'f'), (-9223372036854775808, 'g')");
      s.execute("CREATE TABLE frac (id DOUBLE PRECISION, v VARCHAR(5))");
      s.execute(
          "INSERT INTO frac VALUES (-5, 'a'), (1, 'b'), (5.5, 'c'), (10, 'd'), (10.5, 'e'),"
              + " (11, 'f'), (NULL, 'g'), (1e30, 'h')");
    }
  }

  @AfterEach
  void drop() throws Exception {
    keepAlive.close();
  }

  private PCollection<String> read(Pipeline p, ReadByIdRanges read) {
    return p.apply(read)
        .apply(MapElements.into(TypeDescriptors.strings()).via((SourceRow r) -> r.text("v")));
  }

  private ReadByIdRanges ranges(String table) {
    SourceDatabase source =
        SourceDatabase.of(
            JdbcIO.DataSourceConfiguration.create("org.h2.Driver", url).withUsername("sa"));
    return ReadByIdRanges.of(
        source,
        table,
        SqlText.SELECT + "* FROM " + table,
        "id",
        List.of(KV.of(1L, 5L), KV.of(6L, 10L)));
  }

  @Test
  void wholeNumberIdsClosedAndOpen() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PAssert.that(read(p, ranges("whole"))).containsInAnyOrder("b", "c");
    PAssert.that(read(p, ranges("whole").withOpenEnds(true, true).withNullIds(true)))
        .containsInAnyOrder("a", "b", "c", "d", "e", "f", "g");
    PAssert.that(read(p, ranges("whole").withOpenEnds(false, true)))
        .containsInAnyOrder("b", "c", "d", "f");
    p.run().waitUntilFinish();
  }

  @Test
  void fractionalIdsFallInTheRangeBelowThemAndNothingEscapes() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    ReadByIdRanges frac = ranges("frac").withWholeNumberIds(false);
    // [1, 6) and [6, 11): 5.5 in the first, 10.5 in the second, 11 above both
    PAssert.that(read(p, frac)).containsInAnyOrder("b", "c", "d", "e");
    PAssert.that(read(p, frac.withOpenEnds(true, true).withNullIds(true)))
        .containsInAnyOrder("a", "b", "c", "d", "e", "f", "g", "h");
    PAssert.that(read(p, frac.withOpenEnds(true, false)))
        .containsInAnyOrder("a", "b", "c", "d", "e");
    p.run().waitUntilFinish();
  }

  @Test
  void theFilterAppliesToEveryQueryIncludingNullIds() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PAssert.that(
            read(
                p,
                ranges("whole")
                    .withOpenEnds(true, true)
                    .withNullIds(true)
                    .withFilter("v <> 'e' AND v <> 'b'", List.of())))
        .containsInAnyOrder("a", "c", "d", "f", "g");
    PAssert.that(
            read(
                p,
                ranges("frac")
                    .withWholeNumberIds(false)
                    .withOpenEnds(true, true)
                    .withNullIds(true)
                    .withFilter("v <> 'g' AND v <> 'h'", List.of())))
        .containsInAnyOrder("a", "b", "c", "d", "e", "f");
    p.run().waitUntilFinish();
  }

  @Test
  void aSampleKeepsTheSameIdsInSqlAndInThePipeline() throws Exception {
    // ids 1..400 in a BIGINT table and in a DOUBLE one: the database samples the first, the
    // pipeline the second, by one rule; a filter set after the sample keeps it
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE many (id BIGINT, v VARCHAR(5))");
      s.execute("CREATE TABLE many_frac (id DOUBLE PRECISION, v VARCHAR(5))");
      for (int id = 1; id <= 400; id++) {
        s.execute("INSERT INTO many VALUES (" + id + ", '" + id + "')");
        s.execute("INSERT INTO many_frac VALUES (" + id + ", '" + id + "')");
      }
    }
    IdSample sample = IdSample.of(0.1);
    List<String> kept = new ArrayList<>();
    for (long id = 1; id <= 400; id++) {
      if (sample.keeps(id) && id != 7) {
        kept.add(Long.toString(id));
      }
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    ReadByIdRanges many =
        ranges("many")
            .withOpenEnds(true, true)
            .withSample(sample)
            .withFilter("v <> '7'", List.of());
    assertTrue(many.rangeQuery().contains(sample.predicate("id")), many.rangeQuery());
    PAssert.that(read(p, many)).containsInAnyOrder(kept);
    ReadByIdRanges manyFrac =
        ranges("many_frac")
            .withWholeNumberIds(false)
            .withOpenEnds(true, true)
            .withSample(sample)
            .withFilter("v <> '7'", List.of());
    assertFalse(manyFrac.rangeQuery().contains("%"), manyFrac.rangeQuery());
    PAssert.that(read(p, manyFrac)).containsInAnyOrder(kept);
    p.run().waitUntilFinish();
    assertTrue(kept.size() > 25 && kept.size() < 55, "kept " + kept.size() + " of 400");
  }
}
