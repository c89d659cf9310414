package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.SourceValues;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which items of a target table a run covers, so that a sliced verify reports and a sliced repair
 * touches only its own slice of a table that holds more. Config items are in scope by entity;
 * ticket_sales items (tickets and transfers alike) by the ticket id in their PK and by the start
 * date of their {@code event_id}'s event in the source. An item the scope cannot place (no entity,
 * a PK that is no ticket's, an event the source lacks) belongs only to an unbounded scope on that
 * side: like a NULL in the source, an unknown date sorts before every date.
 */
public final class TargetScope implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String TICKET_PREFIX = "TICKET#";

  private final @Nullable Set<String> entities;
  private final @Nullable Long minTicketId;
  private final @Nullable Long maxTicketId;
  private final @Nullable String eventDateFrom;
  private final @Nullable String eventDateTo;

  private TargetScope(
      @Nullable Set<String> entities,
      @Nullable Long minTicketId,
      @Nullable Long maxTicketId,
      @Nullable String eventDateFrom,
      @Nullable String eventDateTo) {
    this.entities = entities == null ? null : Set.copyOf(entities);
    this.minTicketId = minTicketId;
    this.maxTicketId = maxTicketId;
    this.eventDateFrom = eventDateFrom;
    this.eventDateTo = eventDateTo;
  }

  /** Every item of the table. */
  public static TargetScope all() {
    return new TargetScope(null, null, null, null, null);
  }

  /** Config items of these entities only. */
  public static TargetScope entities(Set<Entity> entities) {
    return new TargetScope(
        entities.stream().map(Entity::name).collect(java.util.stream.Collectors.toSet()),
        null,
        null,
        null,
        null);
  }

  /**
   * Ticket_sales items of tickets with ids in {@code [min, max]} whose event starts on a date in
   * {@code [from, to)} ({@code yyyy-MM-dd}); each bound null when open.
   */
  public static TargetScope tickets(
      @Nullable Long min, @Nullable Long max, @Nullable String from, @Nullable String to) {
    return new TargetScope(null, min, max, from, to);
  }

  public boolean isAll() {
    return entities == null && !bounded();
  }

  /** Whether the scope needs each event's start date (a slice by event date). */
  public boolean needsEventDates() {
    return eventDateFrom != null || eventDateTo != null;
  }

  private boolean bounded() {
    return minTicketId != null || maxTicketId != null || needsEventDates();
  }

  /**
   * Whether {@code item} is in scope.
   *
   * @param eventDate the start date ({@code yyyy-MM-dd}) of an event id, or null when unknown; only
   *     asked when {@link #needsEventDates()}
   */
  public boolean contains(
      Map<String, AttributeValue> item, Function<String, @Nullable String> eventDate) {
    if (entities != null && !entities.contains(Items.entity(item))) {
      return false;
    }
    if (!bounded()) {
      return true;
    }
    AttributeValue pk = item.get(Attr.PK);
    String digits =
        pk == null || pk.s() == null || !pk.s().startsWith(TICKET_PREFIX)
            ? null
            : SourceValues.idDigits(pk.s().substring(TICKET_PREFIX.length()));
    if (digits == null) {
      return false;
    }
    long id = Long.parseLong(digits);
    if ((minTicketId != null && id < minTicketId) || (maxTicketId != null && id > maxTicketId)) {
      return false;
    }
    if (!needsEventDates()) {
      return true;
    }
    AttributeValue event = item.get(Attr.EVENT_ID);
    String eventId = event == null ? null : SourceValues.idDigits(event.n());
    String date = eventId == null ? null : eventDate.apply(eventId);
    if (date == null) {
      return eventDateFrom == null; // unknown sorts first: the slice open below owns it
    }
    return (eventDateFrom == null || date.compareTo(eventDateFrom) >= 0)
        && (eventDateTo == null || date.compareTo(eventDateTo) < 0);
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "all items";
    }
    StringBuilder s = new StringBuilder();
    if (entities != null) {
      s.append("entities ").append(new java.util.TreeSet<>(entities));
    }
    if (minTicketId != null || maxTicketId != null) {
      s.append("ticket ids ")
          .append(minTicketId == null ? "" : minTicketId)
          .append("..")
          .append(maxTicketId == null ? "" : maxTicketId);
    }
    if (needsEventDates()) {
      s.append(s.length() > 0 ? ", " : "")
          .append("event dates [")
          .append(eventDateFrom == null ? "" : eventDateFrom)
          .append(", ")
          .append(eventDateTo == null ? "" : eventDateTo)
          .append(")");
    }
    return s.toString();
  }
}
