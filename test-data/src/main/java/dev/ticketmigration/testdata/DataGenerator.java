package dev.ticketmigration.testdata;

import static dev.ticketmigration.schemas.SourceTable.PERSON;
import static dev.ticketmigration.schemas.SourceTable.PLAYER;
import static dev.ticketmigration.schemas.SourceTable.SEAT;
import static dev.ticketmigration.schemas.SourceTable.SEAT_TYPE;
import static dev.ticketmigration.schemas.SourceTable.SPORTING_EVENT;
import static dev.ticketmigration.schemas.SourceTable.SPORTING_EVENT_TICKET;
import static dev.ticketmigration.schemas.SourceTable.SPORT_DIVISION;
import static dev.ticketmigration.schemas.SourceTable.SPORT_LEAGUE;
import static dev.ticketmigration.schemas.SourceTable.SPORT_LOCATION;
import static dev.ticketmigration.schemas.SourceTable.SPORT_TEAM;
import static dev.ticketmigration.schemas.SourceTable.SPORT_TYPE;
import static dev.ticketmigration.schemas.SourceTable.TICKET_PURCHASE_HIST;

import dev.ticketmigration.testdata.Catalog.Team;
import dev.ticketmigration.testdata.Catalog.Venue;
import dev.ticketmigration.testdata.ReferenceData.Name;
import dev.ticketmigration.testdata.TicketSales.TicketSale;
import dev.ticketmigration.testdata.VenueLayout.Seat;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the DMS_SAMPLE tables with realistic, deterministic data: the same seed and settings give
 * the same rows, value for value, on every database and every run.
 *
 * <p>The data: two sports (baseball/MLB with 6 divisions of 5 teams, football/NFL with 8 of 4),
 * {@code venues} venues of about {@code seatsPerVenue} seats shared by the teams, 26 or 53 players
 * per team, {@code persons} persons, and {@code events} games between two teams of one league at
 * the home team's venue, one per venue and day from 2026-04-01, at whole minutes. Each event has
 * one ticket per seat of its venue, priced by seat type; ticket ids run from {@code firstTicketId}
 * (default 1) in event and seat order. A share of the tickets is sold (holder set, one history row
 * without {@code transferred_from_id}), a share of those transferred 1 to 3 times (holder changed,
 * one history row each naming the previous holder). About one event in ten sells out; {@code
 * sold_out} is 1 exactly where every ticket is sold.
 *
 * <p>Always present, whatever the settings: the first event is sold out; its first ticket was
 * transferred three times (so its second holder both received and sent a transfer), at times that
 * fall into daylight-saving gaps; the last person holds and bought nothing; persons 1-4 have
 * non-ASCII names, one without a first name; one division has an empty description.
 */
public final class DataGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(DataGenerator.class);
  private static final LocalDate FIRST_EVENT_DAY = LocalDate.of(2026, 4, 1);
  private static final double SOLD_OUT_EVENT_SHARE = 0.1;
  private static final int MAX_SEATS_PER_VENUE = 200_000;

  /** {@link #forTickets} keeps venues below this and adds events instead. */
  private static final int TYPICAL_MAX_SEATS_PER_VENUE = 50_000;

  private final long seed;
  private final int events;
  private final int seatsPerVenue;
  private final int venues;
  private final int persons;
  private final double soldShare;
  private final double transferShare;
  private final long firstTicketId;
  private final int batchSize;
  private final Catalog catalog;
  private final long ticketCount;

  private DataGenerator(Builder builder) {
    this.seed = builder.seed;
    this.events = builder.events;
    this.seatsPerVenue = builder.seatsPerVenue;
    this.venues = builder.venues;
    this.persons = builder.persons;
    this.soldShare = builder.soldShare;
    this.transferShare = builder.transferShare;
    this.firstTicketId = builder.firstTicketId;
    this.batchSize = builder.batchSize;
    this.catalog = new Catalog(seed, venues, seatsPerVenue);
    this.ticketCount = countTickets();
    if (firstTicketId - 1 > Long.MAX_VALUE - ticketCount) {
      throw new IllegalArgumentException(
          "firstTicketId "
              + firstTicketId
              + " leaves no room for "
              + ticketCount
              + " ticket ids below BIGINT's maximum");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings for about {@code approxTickets} tickets (within ±15%; {@link #ticketCount()} tells
   * exactly): √tickets / 10 events of tickets / events seats (at most 50,000, adding events
   * beyond), one venue per 8 events (2 to 62), and a person per 10 tickets (100 to 5 M).
   */
  public static DataGenerator forTickets(long approxTickets, long seed) {
    if (approxTickets < 100) {
      throw new IllegalArgumentException(
          "approxTickets must be at least 100, was " + approxTickets);
    }
    long events = Math.max(2, Math.round(Math.sqrt((double) approxTickets) / 10));
    long seats = approxTickets / events;
    if (seats > TYPICAL_MAX_SEATS_PER_VENUE) {
      seats = TYPICAL_MAX_SEATS_PER_VENUE;
      events = (approxTickets + seats - 1) / seats;
    }
    return builder()
        .seed(seed)
        .events(Math.toIntExact(events))
        .seatsPerVenue((int) seats)
        .venues((int) Math.max(2, Math.min(Catalog.maxVenues(), (events + 7) / 8)))
        .persons((int) Math.max(100, Math.min(5_000_000, approxTickets / 10)))
        .build();
  }

  public Builder toBuilder() {
    return new Builder()
        .seed(seed)
        .events(events)
        .seatsPerVenue(seatsPerVenue)
        .venues(venues)
        .persons(persons)
        .soldShare(soldShare)
        .transferShare(transferShare)
        .firstTicketId(firstTicketId)
        .batchSize(batchSize);
  }

  public long seed() {
    return seed;
  }

  public int events() {
    return events;
  }

  public int seatsPerVenue() {
    return seatsPerVenue;
  }

  public int venues() {
    return venues;
  }

  public int persons() {
    return persons;
  }

  public double soldShare() {
    return soldShare;
  }

  public double transferShare() {
    return transferShare;
  }

  public long firstTicketId() {
    return firstTicketId;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Exactly how many tickets {@link #generate} writes. */
  public long ticketCount() {
    return ticketCount;
  }

  /**
   * Inserts the data into the twelve tables, which must exist and be empty: this method creates
   * nothing (call {@link SourceSchema#create} first). It commits every {@code batchSize} rows with
   * autocommit off (restored afterwards), keeping one event's tickets in memory at a time. On a
   * failure the pending batch is rolled back but earlier batches stay: drop and create the tables
   * to start over.
   *
   * <p>Speed: on PostgreSQL add {@code reWriteBatchedInserts=true} to the JDBC URL (the driver then
   * sends multi-row INSERTs; 1 M tickets took 43 s instead of 53 s on a 2-core machine, the
   * server's key and index checks being the rest). MariaDB Connector/J 3.x ignores {@code
   * rewriteBatchedStatements}; its batches are used as they are.
   *
   * @param schemaOrNull the schema (a database on MariaDB) holding the tables, or null/empty for
   *     the connection's default
   */
  public GenerationResult generate(Connection connection, Dialect dialect, String schemaOrNull)
      throws SQLException {
    return generate(connection, dialect, schemaOrNull, LOG::debug);
  }

  /** {@link #generate}, telling {@code progress} at every tenth of the events. */
  public GenerationResult generate(
      Connection connection, Dialect dialect, String schemaOrNull, Consumer<String> progress)
      throws SQLException {
    long started = System.nanoTime();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (BatchInserter out = new BatchInserter(connection, dialect, schemaOrNull, batchSize)) {
      writeConfiguration(out);
      writePersons(out);
      writeEvents(out, progress, started);
      out.flush();
      return new GenerationResult(out.rowCounts(), Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  @Override
  public String toString() {
    return "DataGenerator[seed="
        + seed
        + ", events="
        + events
        + ", seatsPerVenue="
        + seatsPerVenue
        + ", venues="
        + venues
        + ", persons="
        + persons
        + ", soldShare="
        + soldShare
        + ", transferShare="
        + transferShare
        + ", firstTicketId="
        + firstTicketId
        + ", batchSize="
        + batchSize
        + ", tickets="
        + ticketCount
        + "]";
  }

  private long countTickets() {
    long perRound = 0;
    long lastRound = 0;
    for (Venue venue : catalog.venues) {
      perRound += venue.layout().seatCount();
      if (venue.id() <= events % venues) {
        lastRound += venue.layout().seatCount();
      }
    }
    return events / venues * perRound + lastRound;
  }

  private void writeConfiguration(BatchInserter out) throws SQLException {
    for (Sport sport : Sport.values()) {
      out.add(SPORT_TYPE, sport.typeName, sport.description);
      out.add(
          SPORT_LEAGUE,
          sport.typeName,
          sport.leagueShortName,
          sport.leagueLongName,
          sport.leagueDescription);
      for (Sport.Division division : sport.divisions) {
        out.add(
            SPORT_DIVISION,
            sport.typeName,
            sport.leagueShortName,
            division.shortName(),
            division.longName(),
            division.description());
      }
    }
    for (Venue venue : catalog.venues) {
      VenueLayout layout = venue.layout();
      out.add(
          SPORT_LOCATION,
          venue.id(),
          venue.name(),
          venue.city(),
          layout.seatCount(),
          layout.levels(),
          layout.sections());
    }
    for (Team team : catalog.teams) {
      out.add(
          SPORT_TEAM,
          team.id(),
          team.name(),
          team.abbreviation(),
          team.homeFieldId(),
          team.sport().typeName,
          team.sport().leagueShortName,
          team.divisionShortName());
    }
    for (SeatType type : SeatType.values()) {
      out.add(SEAT_TYPE, type.dbName, type.description, type.relativeQuality);
    }
    for (Venue venue : catalog.venues) {
      for (int i = 0; i < venue.layout().seatCount(); i++) {
        Seat seat = venue.layout().seat(i);
        out.add(
            SEAT,
            venue.id(),
            seat.level(),
            seat.section(),
            seat.row(),
            seat.number(),
            seat.type().dbName);
      }
    }
    int playerId = 0;
    for (Team team : catalog.teams) {
      SplitMix rng = SplitMix.of(seed, SplitMix.Stream.PLAYER, team.id());
      for (int i = 0; i < team.sport().playersPerTeam; i++) {
        Name name = ReferenceData.randomName(rng);
        out.add(PLAYER, ++playerId, team.id(), name.lastName(), name.firstName(), name.fullName());
      }
    }
  }

  private void writePersons(BatchInserter out) throws SQLException {
    SplitMix rng = SplitMix.of(seed, SplitMix.Stream.PERSON, 0);
    for (int id = 1; id <= persons; id++) {
      Name name =
          id <= ReferenceData.FIXED_PERSONS.size()
              ? ReferenceData.FIXED_PERSONS.get(id - 1)
              : ReferenceData.randomName(rng);
      out.add(PERSON, id, name.fullName(), name.lastName(), name.firstName());
    }
  }

  private void writeEvents(BatchInserter out, Consumer<String> progress, long startedNanos)
      throws SQLException {
    TicketSales sales = new TicketSales(persons, transferShare);
    long nextTicketId = firstTicketId;
    int logEvery = Math.max(1, events / 10);
    for (int k = 0; k < events; k++) {
      nextTicketId = writeEvent(out, sales, k, nextTicketId);
      if ((k + 1) % logEvery == 0 && k + 1 < events) {
        long tickets = nextTicketId - firstTicketId;
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        progress.accept(
            String.format(
                "generate: %d of %d events, %,d of ~%,d tickets (%,.0f tickets/s), ETA %,.0f s",
                k + 1,
                events,
                tickets,
                ticketCount,
                tickets / seconds,
                (ticketCount - tickets) / Math.max(1e-9, tickets / seconds)));
      }
    }
  }

  /**
   * Writes event {@code k} (id k + 1), its tickets and their history; returns the next ticket id.
   */
  private long writeEvent(BatchInserter out, TicketSales sales, int k, long firstId)
      throws SQLException {
    SplitMix rng = SplitMix.of(seed, SplitMix.Stream.EVENT, k);
    Venue venue = catalog.venues.get(k % venues);
    Team home = rng.pick(venue.homeTeams());
    Team away = catalog.opponent(home, rng);
    LocalDateTime start =
        FIRST_EVENT_DAY.plusDays(k / venues).atTime(rng.pick(home.sport().startTimes));
    boolean first = k == 0;
    EventPricing pricing = first ? EventPricing.listPrices() : EventPricing.draw(rng);
    boolean sellOut = first || rng.chance(SOLD_OUT_EVENT_SHARE);

    // Decide every sale first: sold_out must be known when the event row goes in, before its
    // tickets.
    VenueLayout layout = venue.layout();
    TicketSale[] sold = new TicketSale[layout.seatCount()];
    int soldCount = 0;
    for (int i = 0; i < sold.length; i++) {
      if (sellOut || rng.chance(soldShare)) {
        BigDecimal price = pricing.price(layout.seat(i).type());
        sold[i] =
            first && i == 0 ? sales.sellFirstTicket(rng, price) : sales.sell(rng, start, price);
        soldCount++;
      }
    }

    long eventId = k + 1L;
    out.add(
        SPORTING_EVENT,
        eventId,
        home.sport().typeName,
        home.id(),
        away.id(),
        venue.id(),
        start,
        start.toLocalDate(),
        soldCount == sold.length ? 1 : 0);
    for (int i = 0; i < sold.length; i++) {
      Seat seat = layout.seat(i);
      long ticketId = firstId + i;
      TicketSale sale = sold[i];
      out.add(
          SPORTING_EVENT_TICKET,
          ticketId,
          eventId,
          venue.id(),
          seat.level(),
          seat.section(),
          seat.row(),
          seat.number(),
          sale == null ? null : sale.holder(),
          pricing.price(seat.type()));
      for (int row = 0; sale != null && row < sale.rows(); row++) {
        out.add(
            TICKET_PURCHASE_HIST,
            ticketId,
            sale.buyer(row),
            sale.time(row),
            sale.transferredFrom(row),
            sale.price(row));
      }
    }
    return firstId + sold.length;
  }

  /**
   * Settings with defaults for a small data set (about 5,000 tickets); every setter validates in
   * {@link #build()}.
   */
  public static final class Builder {
    private long seed = 42;
    private int events = 10;
    private int seatsPerVenue = 500;
    private int venues = 4;
    private int persons = 1_000;
    private double soldShare = 0.7;
    private double transferShare = 0.25;
    private long firstTicketId = 1;
    private int batchSize = 5_000;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of sporting events (ids 1..events). */
    public Builder events(int events) {
      this.events = events;
      return this;
    }

    /** About how many seats each venue has (10 to 200,000; venues vary by ±15%). */
    public Builder seatsPerVenue(int seatsPerVenue) {
      this.seatsPerVenue = seatsPerVenue;
      return this;
    }

    /** Number of venues (1 to 62, the number of teams); teams share them round-robin. */
    public Builder venues(int venues) {
      this.venues = venues;
      return this;
    }

    /** Number of persons (at least 10); the last one never buys. */
    public Builder persons(int persons) {
      this.persons = persons;
      return this;
    }

    /** Share of tickets sold, outside the events that sell out. */
    public Builder soldShare(double soldShare) {
      this.soldShare = soldShare;
      return this;
    }

    /** Share of sold tickets that were transferred at least once. */
    public Builder transferShare(double transferShare) {
      this.transferShare = transferShare;
      return this;
    }

    /** The first ticket id (default 1); a value near BIGINT's maximum tests id handling. */
    public Builder firstTicketId(long firstTicketId) {
      this.firstTicketId = firstTicketId;
      return this;
    }

    /** Rows per JDBC batch and commit. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public DataGenerator build() {
      requireAtLeast("events", events, 1);
      requireAtLeast("seatsPerVenue", seatsPerVenue, 10);
      if (seatsPerVenue > MAX_SEATS_PER_VENUE) {
        throw new IllegalArgumentException(
            "seatsPerVenue must be at most " + MAX_SEATS_PER_VENUE + ", was " + seatsPerVenue);
      }
      requireAtLeast("venues", venues, 1);
      if (venues > Catalog.maxVenues()) {
        throw new IllegalArgumentException(
            "venues must be at most " + Catalog.maxVenues() + " (one per team), was " + venues);
      }
      requireAtLeast("persons", persons, 10);
      requireShare("soldShare", soldShare);
      requireShare("transferShare", transferShare);
      requireAtLeast("firstTicketId", firstTicketId, 1);
      requireAtLeast("batchSize", batchSize, 1);
      return new DataGenerator(this);
    }

    private static void requireAtLeast(String name, long value, long min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
      }
    }

    private static void requireShare(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
      }
    }
  }
}
