package dev.ticketmigration.testdata;

import java.time.LocalTime;
import java.util.List;

/** The two sports with their league, divisions, team names and usual start times. */
enum Sport {
  BASEBALL(
      "baseball",
      "Nine innings of bat and ball",
      "MLB",
      "Major League Baseball",
      "Professional baseball in North America",
      List.of(
          new Division("AL East", "American League East", null),
          new Division("AL Central", "American League Central", null),
          new Division("AL West", "American League West", null),
          new Division("NL East", "National League East", null),
          new Division("NL Central", "National League Central", null),
          new Division("NL West", "National League West", null)),
      5,
      26,
      0,
      List.of(LocalTime.of(13, 5), LocalTime.of(18, 40), LocalTime.of(19, 5), LocalTime.of(19, 10)),
      List.of(
          "Admirals",
          "Aviators",
          "Barons",
          "Bison",
          "Canaries",
          "Clippers",
          "Comets",
          "Drillers",
          "Express",
          "Generals",
          "Grays",
          "Hornets",
          "Knights",
          "Lumberjacks",
          "Monarchs",
          "Mudcats",
          "Pilots",
          "Quakes",
          "Riverdogs",
          "Sea Dogs",
          "Skeeters",
          "Sounds",
          "Spiders",
          "Stars",
          "Storm",
          "Thunder",
          "Tides",
          "Toucans",
          "Travelers",
          "Wolves")),
  FOOTBALL(
      "football",
      "American football",
      "NFL",
      "National Football League",
      "Professional American football",
      List.of(
          new Division("AFC East", "American Football Conference East", "AFC, eastern teams"),
          new Division("AFC North", "American Football Conference North", "AFC, northern teams"),
          new Division("AFC South", "American Football Conference South", "AFC, southern teams"),
          new Division("AFC West", "American Football Conference West", "AFC, western teams"),
          new Division("NFC East", "National Football Conference East", "NFC, eastern teams"),
          new Division("NFC North", "National Football Conference North", "NFC, northern teams"),
          new Division("NFC South", "National Football Conference South", "NFC, southern teams"),
          // An empty description: a value, not a null, all the way to the target.
          new Division("NFC West", "National Football Conference West", "")),
      4,
      53,
      5,
      List.of(LocalTime.of(13, 0), LocalTime.of(16, 25), LocalTime.of(20, 20)),
      List.of(
          "Anchors",
          "Badgers",
          "Bandits",
          "Blizzard",
          "Bulldogs",
          "Condors",
          "Coyotes",
          "Crusaders",
          "Dragons",
          "Firebirds",
          "Gladiators",
          "Grizzlies",
          "Gunslingers",
          "Hurricanes",
          "Ironmen",
          "Mavericks",
          "Miners",
          "Outlaws",
          "Pioneers",
          "Racers",
          "Raptors",
          "Renegades",
          "Rockets",
          "Roughnecks",
          "Sabres",
          "Sentinels",
          "Stallions",
          "Tornadoes",
          "Vipers",
          "Warriors",
          "Wranglers",
          "Zephyrs"));

  record Division(String shortName, String longName, String description) {}

  final String typeName;
  final String description;
  final String leagueShortName;
  final String leagueLongName;
  final String leagueDescription;
  final List<Division> divisions;
  final int teamsPerDivision;
  final int playersPerTeam;

  /** Where this sport's teams start in {@link ReferenceData#CITIES}, so leagues mix cities. */
  final int cityOffset;

  final List<LocalTime> startTimes;
  final List<String> nicknames;

  Sport(
      String typeName,
      String description,
      String leagueShortName,
      String leagueLongName,
      String leagueDescription,
      List<Division> divisions,
      int teamsPerDivision,
      int playersPerTeam,
      int cityOffset,
      List<LocalTime> startTimes,
      List<String> nicknames) {
    this.typeName = typeName;
    this.description = description;
    this.leagueShortName = leagueShortName;
    this.leagueLongName = leagueLongName;
    this.leagueDescription = leagueDescription;
    this.divisions = divisions;
    this.teamsPerDivision = teamsPerDivision;
    this.playersPerTeam = playersPerTeam;
    this.cityOffset = cityOffset;
    this.startTimes = startTimes;
    this.nicknames = nicknames;
  }

  int teamCount() {
    return divisions.size() * teamsPerDivision;
  }
}
