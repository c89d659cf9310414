package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.TargetTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The configuration questions of SPEC §3 (pattern 7) on the overloaded {@code config} table: a
 * partition of the table for teams of a league and seats of a venue, the sparse GSIs for city,
 * abbreviation and name. Each is one paginated Query.
 *
 * <p>An empty city, abbreviation or name answers with nothing and no request: the migration never
 * writes an empty string as an index key (DynamoDB rejects it).
 */
public final class ConfigPatterns {
  private final DynamoDbClient client;
  private final String tableName;
  private final @Nullable Integer pageSize;

  /** Patterns on {@code tableName}, e.g. {@code TargetTable.CONFIG.tableName(prefix)}. */
  public ConfigPatterns(DynamoDbClient client, String tableName) {
    this(client, tableName, null);
  }

  private ConfigPatterns(DynamoDbClient client, String tableName, @Nullable Integer pageSize) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.pageSize = pageSize;
  }

  /**
   * The same patterns reading at most {@code pageSize} items per Query page (default: 1 MB pages).
   */
  public ConfigPatterns withPageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    return new ConfigPatterns(client, tableName, pageSize);
  }

  /** Every team of a league: partition {@code TEAM#<sport type>#<league>}, by team id text. */
  public List<Team> teamsOfLeague(String sportType, String league) {
    return IndexOrder.fromQuery(
        table(
            KeyFormats.teamPk(
                Objects.requireNonNull(sportType, "sportType"),
                Objects.requireNonNull(league, "league"))),
        Attr.SK,
        Team::fromItem,
        Team.TIE_BREAK);
  }

  /** Every seat of a venue: partition {@code SEAT#<location id>}, by seat key. */
  public List<Seat> seatsOfVenue(long locationId) {
    return IndexOrder.fromQuery(
        table(KeyFormats.seatPk(TicketChange.id(locationId, "location id"))),
        Attr.SK,
        Seat::fromItem,
        Comparator.comparing(Seat::sortKey, Utf8Order.COMPARATOR));
  }

  /** Locations in a city (GSI2, locations only), by location id text. */
  public List<Location> locationsInCity(String city) {
    if (isEmpty(city)) {
      return List.of();
    }
    return IndexOrder.fromQuery(
        index(2, Attr.GSI2_PK, KeyFormats.cityPk(city)),
        Attr.GSI2_SK,
        Location::fromItem,
        Location.TIE_BREAK);
  }

  /** Teams with an abbreviation (GSI3, teams only), by team id text. */
  public List<Team> teamsByAbbreviation(String abbreviation) {
    if (isEmpty(abbreviation)) {
      return List.of();
    }
    return IndexOrder.fromQuery(
        index(3, Attr.GSI3_PK, KeyFormats.abbreviationPk(abbreviation)),
        Attr.GSI3_SK,
        Team::fromItem,
        Team.TIE_BREAK);
  }

  /** Anything by its descriptive name (GSI1), by PK, then SK. */
  public List<NamedItem> byName(String name) {
    if (isEmpty(name)) {
      return List.of();
    }
    return IndexOrder.fromQuery(
        index(1, Attr.GSI1_PK, name), Attr.GSI1_SK, NamedItem::fromItem, NamedItem.TIE_BREAK);
  }

  private List<Map<String, AttributeValue>> table(String partition) {
    return PagedQuery.partition(client, tableName, null, Attr.PK, partition, pageSize, false);
  }

  private List<Map<String, AttributeValue>> index(int n, String partitionAttribute, String value) {
    return PagedQuery.partition(
        client, tableName, TargetTable.indexName(n), partitionAttribute, value, pageSize, false);
  }

  private static boolean isEmpty(@Nullable String s) {
    return s == null || s.isEmpty();
  }
}
