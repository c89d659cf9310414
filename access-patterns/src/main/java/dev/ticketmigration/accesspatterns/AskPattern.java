package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.SourceColumns;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The questions {@code Ask} can put, by their command-line name, with the values each needs and the
 * columns of its answer. Values are checked here so a bad one is one clear error line.
 */
enum AskPattern {
  OWNED("owned", List.of("OWNER_ID")),
  AVAILABLE("available", List.of("LOCATION_ID", "DATE")),
  TRANSFERS_FROM("transfers-from", List.of("PERSON_ID")),
  TRANSFERS_TO("transfers-to", List.of("PERSON_ID")),
  TEAMS("teams", List.of("SPORT_TYPE", "LEAGUE")),
  SEATS("seats", List.of("LOCATION_ID")),
  CITY("city", List.of("CITY")),
  ABBR("abbr", List.of("ABBREVIATION")),
  NAME("name", List.of("NAME"));

  /** The answer: column names and rows of cells (null for an absent value). */
  record Answer(List<String> header, List<List<String>> rows) {}

  private static final List<String> TICKET_COLUMNS =
      List.of(
          Attr.TICKET_ID,
          Attr.EVENT_ID,
          Attr.EVENT_START,
          Attr.LOCATION_ID,
          Attr.SEAT_LEVEL,
          Attr.SEAT_SECTION,
          Attr.SEAT_ROW,
          Attr.SEAT,
          Attr.TICKET_PRICE);
  private static final List<String> TRANSFER_COLUMNS =
      List.of(
          Attr.TRANSACTION_AT,
          Attr.TICKET_ID,
          Attr.EVENT_ID,
          Attr.FROM_ID,
          Attr.TO_ID,
          Attr.PURCHASE_PRICE);
  private static final List<String> TEAM_COLUMNS =
      List.of(
          SourceColumns.ID,
          SourceColumns.NAME,
          SourceColumns.ABBREVIATED_NAME,
          SourceColumns.HOME_FIELD_ID,
          SourceColumns.SPORT_TYPE_NAME,
          SourceColumns.SPORT_LEAGUE_SHORT_NAME,
          SourceColumns.SPORT_DIVISION_SHORT_NAME);

  private final String cliName;
  private final List<String> valueNames;

  AskPattern(String cliName, List<String> valueNames) {
    this.cliName = cliName;
    this.valueNames = valueNames;
  }

  String cliName() {
    return cliName;
  }

  /** {@code --value OWNER_ID} or {@code --value LOCATION_ID --value DATE}. */
  String usage() {
    StringBuilder s = new StringBuilder("--pattern ").append(cliName);
    valueNames.forEach(v -> s.append(" --value ").append(v));
    return s.toString();
  }

  static Optional<AskPattern> byCliName(String name) {
    return Arrays.stream(values()).filter(p -> p.cliName.equals(name)).findFirst();
  }

  static String cliNames() {
    return String.join("|", Arrays.stream(values()).map(AskPattern::cliName).toList());
  }

  /** Checks the number and form of the values before anything is asked. */
  void validate(List<String> values) {
    if (values.size() != valueNames.size()) {
      throw new IllegalArgumentException(
          "pattern "
              + cliName
              + " needs "
              + valueNames.size()
              + (valueNames.size() == 1 ? " value" : " values")
              + ": "
              + usage());
    }
    for (int i = 0; i < values.size(); i++) {
      String what = valueNames.get(i);
      if (what.endsWith("_ID")) {
        id(values.get(i), what);
      } else if (what.equals("DATE")) {
        date(values.get(i));
      }
    }
  }

  Answer ask(TicketSalesPatterns sales, ConfigPatterns config, List<String> values) {
    validate(values);
    return switch (this) {
      case OWNED -> tickets(sales.ticketsOwnedBy(id(values.get(0), "OWNER_ID")));
      case AVAILABLE ->
          tickets(sales.availableTickets(id(values.get(0), "LOCATION_ID"), date(values.get(1))));
      case TRANSFERS_FROM -> transfers(sales.transfersFrom(id(values.get(0), "PERSON_ID")));
      case TRANSFERS_TO -> transfers(sales.transfersTo(id(values.get(0), "PERSON_ID")));
      case TEAMS -> teams(config.teamsOfLeague(values.get(0), values.get(1)));
      case SEATS ->
          answer(
              List.of(
                  SourceColumns.SPORT_LOCATION_ID,
                  SourceColumns.SEAT_LEVEL,
                  SourceColumns.SEAT_SECTION,
                  SourceColumns.SEAT_ROW,
                  SourceColumns.SEAT,
                  SourceColumns.SEAT_TYPE),
              config.seatsOfVenue(id(values.get(0), "LOCATION_ID")),
              s ->
                  Arrays.asList(
                      s.locationId(), s.level(), s.section(), s.row(), s.seat(), s.seatType()));
      case CITY ->
          answer(
              List.of(
                  SourceColumns.ID,
                  SourceColumns.NAME,
                  SourceColumns.CITY,
                  SourceColumns.SEATING_CAPACITY,
                  SourceColumns.LEVELS,
                  SourceColumns.SECTIONS),
              config.locationsInCity(values.get(0)),
              l ->
                  Arrays.asList(
                      l.id(), l.name(), l.city(), l.seatingCapacity(), l.levels(), l.sections()));
      case ABBR -> teams(config.teamsByAbbreviation(values.get(0)));
      case NAME ->
          answer(
              List.of(Attr.ENTITY, Attr.PK, Attr.SK, Attr.NAME),
              config.byName(values.get(0)),
              n -> List.of(n.entity(), n.pk(), n.sk(), n.name()));
    };
  }

  private static Answer tickets(List<TicketSummary> tickets) {
    return answer(
        TICKET_COLUMNS,
        tickets,
        t ->
            List.of(
                t.ticketId(),
                t.eventId(),
                t.eventStart(),
                t.locationId(),
                t.seatLevel(),
                t.seatSection(),
                t.seatRow(),
                t.seat(),
                t.ticketPrice()));
  }

  private static Answer transfers(List<TicketTransfer> transfers) {
    return answer(
        TRANSFER_COLUMNS,
        transfers,
        t ->
            List.of(t.transactionAt(), t.ticketId(), t.eventId(), t.fromId(), t.toId(), t.price()));
  }

  private static Answer teams(List<Team> teams) {
    return answer(
        TEAM_COLUMNS,
        teams,
        t ->
            Arrays.asList(
                t.id(),
                t.name(),
                t.abbreviatedName(),
                t.homeFieldId(),
                t.sportTypeName(),
                t.leagueShortName(),
                t.divisionShortName()));
  }

  private static <T> Answer answer(
      List<String> header, List<T> records, Function<T, List<String>> cells) {
    return new Answer(header, records.stream().map(cells).toList());
  }

  private static long id(String value, String what) {
    try {
      long id = Long.parseLong(value);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        what + " '" + value + "' is not an id (digits, 0 to " + Long.MAX_VALUE + ")");
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "DATE '" + value + "' is not a date like 2026-04-01 (yyyy-MM-dd)");
    }
  }
}
