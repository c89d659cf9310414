package dev.ticketmigration.testdata;

import java.util.List;

/**
 * Name lists the generator draws from. Non-ASCII names stay inside Windows-1252, so they also
 * survive SQL Server's varchar columns under a Latin-1 collation.
 */
final class ReferenceData {
  private ReferenceData() {}

  record City(String name, String code) {}

  record Name(String fullName, String firstName, String lastName) {}

  /** 32 cities, one per team of a league; the code is the team's abbreviated name. */
  static final List<City> CITIES =
      List.of(
          new City("Atlanta", "ATL"),
          new City("Baltimore", "BAL"),
          new City("Boston", "BOS"),
          new City("Charlotte", "CHA"),
          new City("Chicago", "CHI"),
          new City("Cincinnati", "CIN"),
          new City("Cleveland", "CLE"),
          new City("Dallas", "DAL"),
          new City("Denver", "DEN"),
          new City("Detroit", "DET"),
          new City("Houston", "HOU"),
          new City("Indianapolis", "IND"),
          new City("Kansas City", "KC"),
          new City("Las Vegas", "LV"),
          new City("Los Angeles", "LA"),
          new City("Miami", "MIA"),
          new City("Milwaukee", "MIL"),
          new City("Minneapolis", "MIN"),
          new City("Montréal", "MTL"),
          new City("Nashville", "NSH"),
          new City("New Orleans", "NO"),
          new City("New York", "NY"),
          new City("Philadelphia", "PHI"),
          new City("Phoenix", "PHX"),
          new City("Pittsburgh", "PIT"),
          new City("Portland", "POR"),
          new City("St. Louis", "STL"),
          new City("San Diego", "SD"),
          new City("San Francisco", "SF"),
          new City("San José", "SJ"),
          new City("Seattle", "SEA"),
          new City("Toronto", "TOR"));

  /** Venue name endings; eight, so two venues of one city never share a name. */
  static final List<String> VENUE_SUFFIXES =
      List.of("Field", "Park", "Stadium", "Ballpark", "Arena", "Coliseum", "Grounds", "Dome");

  static final List<String> FIRST_NAMES =
      List.of(
          "James",
          "Mary",
          "Robert",
          "Patricia",
          "John",
          "Jennifer",
          "Michael",
          "Linda",
          "David",
          "Elizabeth",
          "William",
          "Barbara",
          "Richard",
          "Susan",
          "Joseph",
          "Jessica",
          "Thomas",
          "Sarah",
          "Charles",
          "Karen",
          "Christopher",
          "Lisa",
          "Daniel",
          "Nancy",
          "Matthew",
          "Betty",
          "Anthony",
          "Margaret",
          "Mark",
          "Sandra",
          "José",
          "Zoë",
          "François",
          "Björn",
          "Søren",
          "Chloé",
          "Renée",
          "Jürgen",
          "Ana",
          "Siân");

  static final List<String> LAST_NAMES =
      List.of(
          "Smith",
          "Johnson",
          "Williams",
          "Brown",
          "Jones",
          "Garcia",
          "Miller",
          "Davis",
          "Rodriguez",
          "Martinez",
          "Hernandez",
          "Lopez",
          "Gonzalez",
          "Wilson",
          "Anderson",
          "Thomas",
          "Taylor",
          "Moore",
          "Jackson",
          "Martin",
          "Lee",
          "Perez",
          "Thompson",
          "White",
          "Harris",
          "Sanchez",
          "Clark",
          "Ramirez",
          "Lewis",
          "Robinson",
          "Müller",
          "O'Brien",
          "Núñez",
          "Peña",
          "Schröder",
          "Lefèvre",
          "Østergaard",
          "D'Angelo",
          "Smith-Jones",
          "van der Berg");

  /** The first persons, fixed so every data set holds these encoding and null cases. */
  static final List<Name> FIXED_PERSONS =
      List.of(
          new Name("José Müller", "José", "Müller"),
          new Name("Zoë O'Brien", "Zoë", "O'Brien"),
          new Name("Pelé", null, "Pelé"),
          new Name("Renée Núñez-Østergaard", "Renée", "Núñez-Østergaard"));

  /** A random "first last" name. */
  static Name randomName(SplitMix rng) {
    String first = rng.pick(FIRST_NAMES);
    String last = rng.pick(LAST_NAMES);
    return new Name(first + " " + last, first, last);
  }
}
