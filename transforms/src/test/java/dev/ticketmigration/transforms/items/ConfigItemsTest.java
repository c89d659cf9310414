package dev.ticketmigration.transforms.items;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.transforms.DeadLetters;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Configuration rows become config items on the DirectRunner with its checks on: events named after
 * their teams (from the input or from team rows read for the names only), identical duplicates
 * written once, different rows with one key all rejected, bad rows dead-lettered with their reason.
 */
class ConfigItemsTest {

  private static SourceRow team(String id, String name) {
    return SourceRow.builder("sport_team")
        .add("id", SourceRow.Kind.NUMBER, id)
        .add("name", SourceRow.Kind.STRING, name)
        .add(
            "abbreviated_name",
            SourceRow.Kind.STRING,
            name.substring(0, 3).toUpperCase(Locale.ROOT))
        .add("sport_type_name", SourceRow.Kind.STRING, "baseball")
        .add("sport_league_short_name", SourceRow.Kind.STRING, "MLB")
        .build();
  }

  private static SourceRow event(String id, String home, String away) {
    return SourceRow.builder("sporting_event")
        .add("id", SourceRow.Kind.NUMBER, id)
        .add("home_team_id", SourceRow.Kind.NUMBER, home)
        .add("away_team_id", SourceRow.Kind.NUMBER, away)
        .add("start_date_time", SourceRow.Kind.DATETIME, "2026-05-01T19:05:00")
        .build();
  }

  private static SourceRow person(String id, String name) {
    return SourceRow.builder("person")
        .add("id", SourceRow.Kind.NUMBER, id)
        .add("full_name", SourceRow.Kind.STRING, name)
        .build();
  }

  private static PCollection<String> named(PCollectionTuple out) {
    return out.get(ConfigItems.ITEMS)
        .apply(
            "Named",
            MapElements.into(TypeDescriptors.strings())
                .via(i -> Items.key(i) + " " + (i.containsKey("name") ? i.get("name").s() : "-")));
  }

  private static PCollection<String> reasons(PCollectionTuple out) {
    return out.get(DeadLetters.TAG)
        .apply(
            "Reasons",
            MapElements.into(TypeDescriptors.strings())
                .via((DeadLetter d) -> d.sourceTable() + " " + d.sourceKey() + ": " + d.reason()));
  }

  @Test
  void buildsItemsNamesEventsAndReportsCollisions() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple out =
        SourceRows.create(
                p,
                "Rows",
                team("1", "Boston"),
                team("2", "New York"),
                event("7", "1", "2"),
                event("8", "1", "99"),
                person("5", "Same"),
                person("5", "Same"),
                person("6", "One"),
                person("6", "Other"),
                person("x", "Bad Id"))
            .apply(ConfigItems.create());
    PAssert.that(named(out))
        .containsInAnyOrder(
            "TEAM#baseball#MLB | 1 Boston",
            "TEAM#baseball#MLB | 2 New York",
            "EVENT#2026-05-01 | 7 New York at Boston",
            "PERSON#5 | PROFILE Same");
    PAssert.that(reasons(out))
        .containsInAnyOrder(
            "sporting_event id=8: away_team_id 99 is not a sport_team",
            "person id=5: duplicate source row: item PERSON#5 | PROFILE is written once",
            "person id=6: 2 different source rows map to item PERSON#6 | PROFILE; none written",
            "person id=6: 2 different source rows map to item PERSON#6 | PROFILE; none written",
            "person id=x: id is 'x', not a number");
    p.run().waitUntilFinish();
  }

  @Test
  void eventsTakeTheirNamesFromTeamRowsReadForThatAlone() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<SourceRow> teams =
        SourceRows.create(p, "Teams", team("1", "Boston"), team("2", "New York"));
    PCollectionTuple out =
        SourceRows.create(p, "Events", event("7", "1", "2"))
            .apply(ConfigItems.create().withTeamRows(teams));
    // only the events become items; the teams only name them
    PAssert.that(named(out)).containsInAnyOrder("EVENT#2026-05-01 | 7 New York at Boston");
    PAssert.that(out.get(DeadLetters.TAG)).empty();
    p.run().waitUntilFinish();
  }
}
