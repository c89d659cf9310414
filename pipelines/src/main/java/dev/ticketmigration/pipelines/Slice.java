package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.verify.TargetScope;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The part of the source one run covers, so an orchestrator can split a migration and retry the
 * pieces: a subset of tables, a ticket-id range, a range of event dates. Each option is checked and
 * a bad one named.
 */
public record Slice(
    List<SourceTable> configTables,
    boolean ticketSales,
    @Nullable Long minTicketId,
    @Nullable Long maxTicketId,
    @Nullable LocalDate eventDateFrom,
    @Nullable LocalDate eventDateTo)
    implements Serializable {

  static final String TICKET_SALES_NOTE =
      "sporting_event_ticket and ticket_purchase_hist are migrated together";

  static Slice from(MigrationOptions options) {
    Set<SourceTable> tables = new LinkedHashSet<>(Arrays.asList(SourceTable.values()));
    if (options.getTables() != null && !options.getTables().isBlank()) {
      tables = parse(options.getTables(), "--tables");
    }
    if (options.getExcludeTables() != null && !options.getExcludeTables().isBlank()) {
      tables.removeAll(parse(options.getExcludeTables(), "--excludeTables"));
    }
    boolean tickets = tables.contains(SourceTable.SPORTING_EVENT_TICKET);
    if (tickets != tables.contains(SourceTable.TICKET_PURCHASE_HIST)) {
      throw new MigrationException(
          "--tables/--excludeTables split the ticket tables: "
              + TICKET_SALES_NOTE
              + " (into ticket_sales): name both or neither");
    }
    List<SourceTable> config = new ArrayList<>();
    for (SourceTable t : tables) {
      if (t.kind() == SourceTable.Kind.CONFIG) {
        config.add(t);
      }
    }
    if (config.isEmpty() && !tickets) {
      throw new MigrationException("--tables/--excludeTables leave no table to migrate");
    }
    Long min = options.getMinTicketId();
    Long max = options.getMaxTicketId();
    if (min != null && max != null && min > max) {
      throw new MigrationException(
          "--minTicketId " + min + " is larger than --maxTicketId " + max + ": the slice is empty");
    }
    LocalDate from = date(options.getEventDateFrom(), "--eventDateFrom");
    LocalDate to = date(options.getEventDateTo(), "--eventDateTo");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new MigrationException(
          "--eventDateFrom "
              + from
              + " is not before --eventDateTo "
              + to
              + ": the slice is empty");
    }
    return new Slice(List.copyOf(config), tickets, min, max, from, to);
  }

  /** Whether the ticket tables are cut by id or event date (then NULL ids belong to no slice). */
  boolean slicesTickets() {
    return minTicketId != null || maxTicketId != null || slicesByDate();
  }

  boolean slicesByDate() {
    return eventDateFrom != null || eventDateTo != null;
  }

  /**
   * {@code e.start_date_time >= ? AND e.start_date_time < ?} for the bounds that are set; empty
   * when none is. A row without an event date (its event or ticket is missing) sorts before every
   * date: the slice without a lower date bound reads it, so that it is dead-lettered exactly once
   * across a set of date slices.
   */
  String eventDatePredicate(String eventAlias) {
    String start = eventAlias + "." + SourceColumns.START_DATE_TIME;
    if (eventDateFrom != null) {
      return start + " >= ?" + (eventDateTo != null ? " AND " + start + " < ?" : "");
    }
    return eventDateTo != null ? "(" + start + " IS NULL OR " + start + " < ?)" : "";
  }

  /** The config items this slice covers: every item of the table when it covers every table. */
  TargetScope configScope() {
    if (configTables.size() == SourceTable.ofKind(SourceTable.Kind.CONFIG).size()) {
      return TargetScope.all();
    }
    return TargetScope.entities(
        configTables.stream().map(ConfigItemBuilder::entity).collect(Collectors.toSet()));
  }

  /** The ticket_sales items this slice covers: by ticket id and the event's start date. */
  TargetScope ticketSalesScope() {
    return TargetScope.tickets(
        minTicketId,
        maxTicketId,
        eventDateFrom == null ? null : eventDateFrom.toString(),
        eventDateTo == null ? null : eventDateTo.toString());
  }

  List<LocalDateTime> eventDateParameters() {
    List<LocalDateTime> values = new ArrayList<>();
    if (eventDateFrom != null) {
      values.add(eventDateFrom.atStartOfDay());
    }
    if (eventDateTo != null) {
      values.add(eventDateTo.atStartOfDay());
    }
    return values;
  }

  private static Set<SourceTable> parse(String list, String option) {
    Set<SourceTable> tables = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      SourceTable table =
          SourceTable.byName(name)
              .orElseThrow(
                  () ->
                      new MigrationException(
                          option
                              + " names '"
                              + name.trim()
                              + "', not a DMS_SAMPLE table: use "
                              + Arrays.stream(SourceTable.values())
                                  .map(SourceTable::tableName)
                                  .reduce((a, b) -> a + ", " + b)
                                  .orElse("")));
      tables.add(table);
    }
    return tables;
  }

  private static @Nullable LocalDate date(@Nullable String text, String option) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new MigrationException(option + " '" + text + "' is not a date like 2026-05-01");
    }
  }
}
