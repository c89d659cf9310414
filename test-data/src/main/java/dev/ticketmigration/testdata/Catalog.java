package dev.ticketmigration.testdata;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration side of a data set: all teams of both leagues and the venues they play at. With
 * fewer venues than teams, teams share venues (team i plays at venue i mod venues), as the Oakland
 * Coliseum once hosted both a baseball and a football team.
 */
final class Catalog {
  record Team(
      int id,
      Sport sport,
      String city,
      String name,
      String abbreviation,
      String divisionShortName,
      int homeFieldId) {}

  record Venue(int id, String name, String city, VenueLayout layout, List<Team> homeTeams) {}

  /** Teams of all sports, in id order (baseball first). */
  final List<Team> teams;

  final List<Venue> venues;
  private final Map<Sport, List<Team>> leagues = new EnumMap<>(Sport.class);

  Catalog(long seed, int venueCount, int seatsPerVenue) {
    List<Team> allTeams = new ArrayList<>();
    for (Sport sport : Sport.values()) {
      List<Team> league = new ArrayList<>();
      for (int i = 0; i < sport.teamCount(); i++) {
        ReferenceData.City city =
            ReferenceData.CITIES.get((i + sport.cityOffset) % ReferenceData.CITIES.size());
        int id = allTeams.size() + 1;
        Team team =
            new Team(
                id,
                sport,
                city.name(),
                city.name() + " " + sport.nicknames.get(i),
                city.code(),
                sport.divisions.get(i / sport.teamsPerDivision).shortName(),
                (id - 1) % venueCount + 1);
        allTeams.add(team);
        league.add(team);
      }
      leagues.put(sport, List.copyOf(league));
    }
    this.teams = List.copyOf(allTeams);

    List<Venue> allVenues = new ArrayList<>();
    for (int v = 0; v < venueCount; v++) {
      int venueId = v + 1;
      String city = teams.get(v).city();
      String name =
          city + " " + ReferenceData.VENUE_SUFFIXES.get(v % ReferenceData.VENUE_SUFFIXES.size());
      VenueLayout layout =
          VenueLayout.forTarget(seatsPerVenue, SplitMix.of(seed, SplitMix.Stream.VENUE, v));
      List<Team> home = teams.stream().filter(t -> t.homeFieldId() == venueId).toList();
      allVenues.add(new Venue(venueId, name, city, layout, home));
    }
    this.venues = List.copyOf(allVenues);
  }

  /** Every venue needs a home team, so there are at most as many venues as teams. */
  static int maxVenues() {
    int teams = 0;
    for (Sport sport : Sport.values()) {
      teams += sport.teamCount();
    }
    return teams;
  }

  /** A random team of the same league other than {@code team}. */
  Team opponent(Team team, SplitMix rng) {
    List<Team> league = leagues.get(team.sport());
    int pick = rng.nextInt(league.size() - 1);
    return league.get(pick < league.indexOf(team) ? pick : pick + 1);
  }
}
