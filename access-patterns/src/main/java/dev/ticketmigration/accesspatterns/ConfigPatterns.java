package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.KeyFormats;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The configuration questions of SPEC §3 (pattern 7) on the overloaded {@code config} table: a
 * partition of the table for teams of a league and seats of a venue, the sparse GSIs for city,
 * abbreviation and name. Each is one paginated Query.
 *
 * <p>An empty city, abbreviation or name answers with nothing and no request: the migration never
 * writes an empty string as an index key (DynamoDB rejects it).
 */
public final class ConfigPatterns {
  private final Partitions reads;

  /** Patterns on {@code tableName}, e.g. {@code TargetTable.CONFIG.tableName(prefix)}. */
  public ConfigPatterns(DynamoDbClient client, String tableName) {
    this(new Partitions(client, tableName, null));
  }

  private ConfigPatterns(Partitions reads) {
    this.reads = reads;
  }

  /**
   * The same patterns reading at most {@code pageSize} items per Query page (default: 1 MB pages).
   */
  public ConfigPatterns withPageSize(int pageSize) {
    return new ConfigPatterns(reads.withPageSize(pageSize));
  }

  /** Every team of a league: partition {@code TEAM#<sport type>#<league>}, by team id text. */
  public List<Team> teamsOfLeague(String sportType, String league) {
    String partition =
        KeyFormats.teamPk(
            Objects.requireNonNull(sportType, "sportType"),
            Objects.requireNonNull(league, "league"));
    return reads.table(partition, Team::fromItem, Team.TIE_BREAK);
  }

  /** Every seat of a venue: partition {@code SEAT#<location id>}, by seat key. */
  public List<Seat> seatsOfVenue(long locationId) {
    return reads.table(
        KeyFormats.seatPk(TicketChange.id(locationId, "location id")),
        Seat::fromItem,
        Comparator.comparing(Seat::sortKey, Utf8Order.COMPARATOR));
  }

  /** Locations in a city (GSI2, locations only), by location id text. */
  public List<Location> locationsInCity(String city) {
    if (isEmpty(city)) {
      return List.of();
    }
    return reads.index(2, KeyFormats.cityPk(city), Location::fromItem, Location.TIE_BREAK);
  }

  /** Teams with an abbreviation (GSI3, teams only), by team id text. */
  public List<Team> teamsByAbbreviation(String abbreviation) {
    if (isEmpty(abbreviation)) {
      return List.of();
    }
    return reads.index(3, KeyFormats.abbreviationPk(abbreviation), Team::fromItem, Team.TIE_BREAK);
  }

  /** Anything by its descriptive name (GSI1), by PK, then SK. */
  public List<NamedItem> byName(String name) {
    if (isEmpty(name)) {
      return List.of();
    }
    return reads.index(1, name, NamedItem::fromItem, NamedItem.TIE_BREAK);
  }

  private static boolean isEmpty(@Nullable String s) {
    return s == null || s.isEmpty();
  }
}
