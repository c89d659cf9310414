package dev.ticketmigration.accesspatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.testdata.DataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SPEC §3: every read pattern's DynamoDB answer equals the same question asked in SQL of the
 * source, element for element and in the same order, after migrating generated data from each real
 * source. The questions are a seeded sample plus the generator's edge cases: a person without
 * tickets, a sold-out date, the ticket transferred three times (at times inside daylight-saving
 * gaps) and a person who both sent and received transfers. Queries read pages of 7 items so answers
 * span many pages.
 */
class AccessPatternEquivalenceTest {
  private static final long SAMPLE_SEED = 20260401L;
  private static final int PAGE = 7;

  @TempDir static Path work;
  private static Dynalite dynamo;
  private static DynamoDbClient client;
  private static final Map<TestSource.Kind, MigratedSource> MIGRATED =
      new EnumMap<>(TestSource.Kind.class);

  @BeforeAll
  static void startDynamo() {
    dynamo = Dynalite.start();
    client = MigratedSource.localClient(dynamo.endpoint());
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (MigratedSource m : MIGRATED.values()) {
      m.close();
    }
    client.close();
    dynamo.close();
  }

  /** Generates and migrates each source once for the whole class. */
  private static synchronized MigratedSource migrated(TestSource.Kind kind) throws Exception {
    MigratedSource m = MIGRATED.get(kind);
    if (m == null) {
      m =
          MigratedSource.create(
              kind,
              DataGenerator.forTickets(2_000, 7),
              dynamo.endpoint(),
              work.resolve(kind.name()));
      MIGRATED.put(kind, m);
    }
    return m;
  }

  @ParameterizedTest
  @EnumSource(TestSource.Kind.class)
  void ticketQuestionsAnswerLikeSql(TestSource.Kind kind) throws Exception {
    MigratedSource m = migrated(kind);
    TestSource src = m.source();
    TicketSalesPatterns dynamoDb =
        new TicketSalesPatterns(client, m.ticketSalesTable()).withPageSize(PAGE);
    try (Connection c = src.connect()) {
      SourceQueries sql = new SourceQueries(c, src.schema());
      Random random = new Random(SAMPLE_SEED);
      String tickets = src.table("sporting_event_ticket");
      String history = src.table("ticket_purchase_hist");
      String events = src.table("sporting_event");

      long lastPerson = SqlRows.longs(c, "SELECT MAX(id) FROM " + src.table("person")).get(0);
      long firstTicket =
          SqlRows.longs(c, "SELECT MIN(id) FROM " + tickets + " WHERE sporting_event_id = 1")
              .get(0);
      // buyers of the first ticket, oldest first: sold, then transferred three times
      List<Long> chain =
          SqlRows.longs(
              c,
              "SELECT purchased_by_id FROM "
                  + history
                  + " WHERE sporting_event_ticket_id = ? ORDER BY transaction_date_time",
              firstTicket);
      assertEquals(4, chain.size(), "the first ticket was sold and transferred 3 times");
      List<Long> sentAndReceived =
          SqlRows.longs(
              c,
              "SELECT DISTINCT f.transferred_from_id FROM "
                  + history
                  + " f JOIN "
                  + history
                  + " r ON r.purchased_by_id = f.transferred_from_id"
                  + " AND r.transferred_from_id IS NOT NULL ORDER BY 1");
      assertTrue(sentAndReceived.contains(chain.get(1)), "second holder sent and received");

      // tickets I own
      Set<Long> owners = new LinkedHashSet<>();
      owners.add(lastPerson);
      owners.addAll(chain);
      owners.add(sentAndReceived.get(sentAndReceived.size() - 1));
      owners.addAll(
          sample(
              SqlRows.longs(
                  c,
                  "SELECT DISTINCT ticketholder_id FROM "
                      + tickets
                      + " WHERE ticketholder_id IS NOT NULL ORDER BY 1"),
              20,
              random));
      int longest = 0;
      for (long owner : owners) {
        List<TicketSummary> expected = sql.ticketsOwnedBy(owner);
        assertEquals(expected, dynamoDb.ticketsOwnedBy(owner), kind + " tickets owned by " + owner);
        longest = Math.max(longest, expected.size());
      }
      assertTrue(dynamoDb.ticketsOwnedBy(lastPerson).isEmpty(), "the last person owns nothing");
      assertTrue(longest > PAGE, "some owner's answer spans pages: " + longest);
      assertEquals(
          List.of(firstTicket + ""),
          dynamoDb.ticketsOwnedBy(chain.get(3)).stream()
              .map(TicketSummary::ticketId)
              .filter(id -> id.equals(firstTicket + ""))
              .toList(),
          "the first ticket belongs to its last recipient");

      // tickets available for my venue and date: every event's venue and date, and a day without
      List<List<String>> venueDates =
          SqlRows.rows(
              c, "SELECT location_id, start_date, sold_out, id FROM " + events + " ORDER BY id");
      int available = 0;
      for (List<String> event : venueDates) {
        long location = Long.parseLong(event.get(0));
        LocalDate date = LocalDate.parse(event.get(1));
        List<TicketSummary> expected = sql.availableTickets(location, date);
        assertEquals(
            expected,
            dynamoDb.availableTickets(location, date),
            kind + " available at " + location + " on " + date);
        assertEquals(event.get(2).equals("1"), expected.isEmpty(), "sold out = nothing available");
        available += expected.size();
        LocalDate dayBefore = LocalDate.parse("2026-03-31");
        assertEquals(List.of(), dynamoDb.availableTickets(location, dayBefore));
        assertEquals(List.of(), sql.availableTickets(location, dayBefore));
      }
      assertEquals("1", venueDates.get(0).get(2), "the first event is sold out");
      assertTrue(available > 0, "some tickets are available");

      // tickets I transferred / tickets transferred to me
      Set<Long> persons = new LinkedHashSet<>();
      persons.add(lastPerson);
      persons.addAll(chain);
      persons.addAll(sentAndReceived.subList(0, Math.min(3, sentAndReceived.size())));
      persons.addAll(
          sample(
              SqlRows.longs(c, "SELECT id FROM " + src.table("person") + " ORDER BY id"),
              25,
              random));
      int transfers = 0;
      for (long person : persons) {
        List<TicketTransfer> from = sql.transfersFrom(person);
        List<TicketTransfer> to = sql.transfersTo(person);
        assertEquals(from, dynamoDb.transfersFrom(person), kind + " transfers from " + person);
        assertEquals(to, dynamoDb.transfersTo(person), kind + " transfers to " + person);
        transfers += from.size() + to.size();
      }
      assertTrue(transfers > 0, "some transfers were compared");
      assertTrue(dynamoDb.transfersFrom(lastPerson).isEmpty());
      assertTrue(dynamoDb.transfersTo(lastPerson).isEmpty());
      // the second holder of the first ticket received it, then sent it on at a time that does
      // not exist on Berlin clocks (daylight-saving gap)
      long second = chain.get(1);
      assertTrue(
          dynamoDb.transfersTo(second).stream()
              .anyMatch(
                  t -> isTransfer(t, firstTicket, "2026-03-20T12:00:30", chain.get(0), second)));
      assertTrue(
          dynamoDb.transfersFrom(second).stream()
              .anyMatch(
                  t -> isTransfer(t, firstTicket, "2026-03-29T02:30:45", second, chain.get(2))));
    }
  }

  @ParameterizedTest
  @EnumSource(TestSource.Kind.class)
  void configQuestionsAnswerLikeSql(TestSource.Kind kind) throws Exception {
    MigratedSource m = migrated(kind);
    TestSource src = m.source();
    ConfigPatterns dynamoDb = new ConfigPatterns(client, m.configTable()).withPageSize(PAGE);
    try (Connection c = src.connect()) {
      SourceQueries sql = new SourceQueries(c, src.schema());
      Random random = new Random(SAMPLE_SEED);

      List<List<String>> leagues =
          new ArrayList<>(
              SqlRows.rows(
                  c, "SELECT sport_type_name, short_name FROM " + src.table("sport_league")));
      leagues.add(List.of("baseball", "NO_SUCH"));
      for (List<String> league : leagues) {
        List<Team> expected = sql.teamsOfLeague(league.get(0), league.get(1));
        assertEquals(
            expected,
            dynamoDb.teamsOfLeague(league.get(0), league.get(1)),
            kind + " teams of " + league);
      }
      assertTrue(
          dynamoDb.teamsOfLeague(leagues.get(0).get(0), leagues.get(0).get(1)).size() > PAGE);

      List<Long> locations =
          new ArrayList<>(SqlRows.longs(c, "SELECT id FROM " + src.table("sport_location")));
      locations.add(999_999L);
      for (long location : locations) {
        assertEquals(
            sql.seatsOfVenue(location),
            dynamoDb.seatsOfVenue(location),
            kind + " seats of " + location);
      }
      assertTrue(dynamoDb.seatsOfVenue(locations.get(0)).size() > 100);

      List<String> cities =
          new ArrayList<>(
              SqlRows.strings(c, "SELECT DISTINCT city FROM " + src.table("sport_location")));
      cities.addAll(List.of("Nowhere", ""));
      for (String city : cities) {
        assertEquals(
            sql.locationsInCity(city), dynamoDb.locationsInCity(city), kind + " city " + city);
      }
      assertFalse(dynamoDb.locationsInCity(cities.get(0)).isEmpty());

      List<String> abbreviations =
          new ArrayList<>(
              sample(
                  SqlRows.strings(
                      c,
                      "SELECT DISTINCT abbreviated_name FROM "
                          + src.table("sport_team")
                          + " WHERE abbreviated_name IS NOT NULL ORDER BY 1"),
                  6,
                  random));
      abbreviations.addAll(List.of("NOPE", ""));
      for (String abbreviation : abbreviations) {
        assertEquals(
            sql.teamsByAbbreviation(abbreviation),
            dynamoDb.teamsByAbbreviation(abbreviation),
            kind + " abbreviation " + abbreviation);
      }
      assertFalse(dynamoDb.teamsByAbbreviation(abbreviations.get(0)).isEmpty());

      Set<String> names = new LinkedHashSet<>();
      names.addAll(SqlRows.strings(c, "SELECT name FROM " + src.table("sport_type")));
      names.addAll(SqlRows.strings(c, "SELECT long_name FROM " + src.table("sport_league")));
      names.addAll(
          sample(
              SqlRows.strings(
                  c,
                  "SELECT long_name FROM "
                      + src.table("sport_division")
                      + " WHERE long_name IS NOT NULL ORDER BY 1"),
              2,
              random));
      names.addAll(SqlRows.strings(c, "SELECT name FROM " + src.table("sport_location")));
      names.addAll(
          sample(
              SqlRows.strings(c, "SELECT name FROM " + src.table("sport_team") + " ORDER BY 1"),
              3,
              random));
      names.addAll(SqlRows.strings(c, "SELECT name FROM " + src.table("seat_type")));
      names.addAll(
          sample(
              SqlRows.strings(
                  c,
                  "SELECT full_name FROM "
                      + src.table("player")
                      + " WHERE full_name IS NOT NULL ORDER BY id"),
              3,
              random));
      // persons 1-4 have non-ASCII names; plus the last person
      names.addAll(
          SqlRows.strings(
              c,
              "SELECT full_name FROM "
                  + src.table("person")
                  + " WHERE id <= 4 OR id = (SELECT MAX(id) FROM "
                  + src.table("person")
                  + ") ORDER BY id"));
      String team = src.table("sport_team");
      for (List<String> event :
          SqlRows.rows(
              c,
              "SELECT a.name, h.name FROM "
                  + src.table("sporting_event")
                  + " e JOIN "
                  + team
                  + " h ON h.id = e.home_team_id JOIN "
                  + team
                  + " a ON a.id = e.away_team_id WHERE e.id IN (1, 2) ORDER BY e.id")) {
        names.add(dev.ticketmigration.schemas.KeyFormats.eventName(event.get(0), event.get(1)));
      }
      names.addAll(List.of("No such name at all", ""));
      Set<String> entities = new java.util.TreeSet<>();
      for (String name : names) {
        List<NamedItem> expected = sql.byName(name);
        assertEquals(expected, dynamoDb.byName(name), kind + " by name '" + name + "'");
        expected.forEach(item -> entities.add(item.entity()));
      }
      assertEquals(
          Set.of(
              "SPORT_TYPE",
              "LEAGUE",
              "DIVISION",
              "LOCATION",
              "TEAM",
              "SEAT_TYPE",
              "PLAYER",
              "PERSON",
              "EVENT"),
          entities,
          "every named entity was looked up");
    }
  }

  @Test
  void askPrintsTheAnswerAsATable() throws Exception {
    MigratedSource m = migrated(TestSource.Kind.H2);
    long owner;
    try (Connection c = m.source().connect()) {
      owner =
          SqlRows.longs(
                  c,
                  "SELECT ticketholder_id FROM "
                      + m.source().table("sporting_event_ticket")
                      + " WHERE ticketholder_id IS NOT NULL ORDER BY id")
              .get(0);
    }
    List<TicketSummary> expected =
        new TicketSalesPatterns(client, m.ticketSalesTable()).ticketsOwnedBy(owner);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AskCommand.run(
            new String[] {
              "--dynamoEndpoint",
              dynamo.endpoint(),
              "--dynamoLocal",
              "true",
              "--tablePrefix",
              m.prefix(),
              "--pattern",
              "owned",
              "--value",
              Long.toString(owner)
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    List<String> lines = printed.lines().toList();
    assertTrue(lines.get(0).startsWith("ticket_id"), printed);
    assertEquals(expected.size() + 3, lines.size(), printed);
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(lines.get(i + 2).startsWith(expected.get(i).ticketId() + " "), printed);
      assertTrue(lines.get(i + 2).contains(expected.get(i).eventStart()), printed);
    }
    assertTrue(lines.get(lines.size() - 1).matches("\\(" + expected.size() + " rows?\\)"), printed);

    err.reset();
    exit =
        AskCommand.run(
            new String[] {
              "--dynamoEndpoint=" + dynamo.endpoint(),
              "--dynamoLocal=true",
              "--tablePrefix=no_such_",
              "--pattern=city",
              "--value=Boston"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.contains("no_such_config") && message.contains("does not exist"), message);
  }

  /**
   * Whether {@code t} is the transfer of {@code ticket} at {@code at} from one person to another.
   */
  private static boolean isTransfer(TicketTransfer t, long ticket, String at, long from, long to) {
    return t.ticketId().equals(ticket + "")
        && t.transactionAt().equals(at)
        && t.fromId().equals(from + "")
        && t.toId().equals(to + "");
  }

  /** A seeded sample of up to {@code n} values, so failures reproduce. */
  private static <T> List<T> sample(List<T> values, int n, Random random) {
    List<T> copy = new ArrayList<>(values);
    Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(n, copy.size()));
  }
}
