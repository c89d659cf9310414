package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.items.TicketSalesItems;
import dev.ticketmigration.transforms.reading.ReadByIdRanges;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import dev.ticketmigration.transforms.reading.SqlText;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Tickets and their purchase history → the {@code ticket_sales} items they must become ({@link
 * TicketSalesItems#ITEMS}) and dead letters: both tables read in parallel id ranges, grouped by
 * ticket. Shared by the migration and the verify run.
 */
public final class TicketSalesFromSource extends PTransform<PBegin, PCollectionTuple> {
  private final RunSettings settings;

  TicketSalesFromSource(RunSettings settings) {
    this.settings = settings;
  }

  /**
   * The ticket read of a run without a slice, before a slice's filter and open ends are added: its
   * {@link ReadByIdRanges#rangeQuery()} is the SQL the migration sends for every range. Public for
   * tools that must send the very same queries (the benchmark's JDBC scan).
   */
  public static ReadByIdRanges ticketRead(SourceDatabase source, List<KV<Long, Long>> ranges) {
    return ReadByIdRanges.of(
        source,
        SourceTable.SPORTING_EVENT_TICKET.tableName(),
        ticketSelect(source),
        "t." + SourceColumns.ID,
        ranges);
  }

  /** The purchase-history read of a run without a slice; see {@link #ticketRead}. */
  public static ReadByIdRanges historyRead(SourceDatabase source, List<KV<Long, Long>> ranges) {
    return historyRead(source, ranges, false);
  }

  private static ReadByIdRanges historyRead(
      SourceDatabase source, List<KV<Long, Long>> ranges, boolean joinEvents) {
    return ReadByIdRanges.of(
        source,
        SourceTable.TICKET_PURCHASE_HIST.tableName(),
        historySelect(source, joinEvents),
        "h." + TicketItemBuilder.HISTORY_TICKET_COLUMN,
        ranges);
  }

  /**
   * Tickets with their event's start; LEFT JOIN so a ticket of a missing event is reported. Public
   * for the sync, which reads single tickets with the copy's own query.
   */
  public static String ticketSelect(SourceDatabase source) {
    return SqlText.SELECT
        + "t.*, e."
        + SourceColumns.START_DATE_TIME
        + " AS "
        + TicketItemBuilder.EVENT_START_COLUMN
        + " FROM "
        + source.qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
        + " t LEFT JOIN "
        + source.qualify(SourceTable.SPORTING_EVENT.tableName())
        + " e ON "
        + eventOfTicket();
  }

  /** Purchase-history rows (table alias {@code h}), as the copy reads them; see ticketSelect. */
  public static String historySelect(SourceDatabase source) {
    return historySelect(source, false);
  }

  /**
   * History rows; a slice by event date reaches the event through the ticket (LEFT JOINs: an orphan
   * row has no event date, and is read by the slice that owns unknown dates).
   */
  private static String historySelect(SourceDatabase source, boolean joinEvents) {
    String select =
        SqlText.SELECT
            + "h.* FROM "
            + source.qualify(SourceTable.TICKET_PURCHASE_HIST.tableName())
            + " h";
    if (joinEvents) {
      select +=
          " LEFT JOIN "
              + source.qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
              + " t ON t."
              + SourceColumns.ID
              + " = h."
              + TicketItemBuilder.HISTORY_TICKET_COLUMN
              + " LEFT JOIN "
              + source.qualify(SourceTable.SPORTING_EVENT.tableName())
              + " e ON "
              + eventOfTicket();
    }
    return select;
  }

  /** The join condition of a ticket ({@code t}) and its event ({@code e}). */
  private static String eventOfTicket() {
    return "e." + SourceColumns.ID + " = t." + SourceColumns.SPORTING_EVENT_ID;
  }

  /**
   * The read of one ticket table within the slice: its event dates, the rows outside the measured
   * id ranges that the slice owns (ids below or above them, and NULL ids, which sort before every
   * id, when the slice has no lower id bound), and a plan's sample of the ticket ids.
   */
  private ReadByIdRanges sliced(ReadByIdRanges read, SourceTable table) {
    Slice slice = settings.slice();
    boolean openBelow = slice.minTicketId() == null;
    ReadByIdRanges sliced =
        read.withFilter(slice.eventDatePredicate("e"), slice.eventDateParameters())
            .withWholeNumberIds(!settings.fractionalIdTables().contains(table.tableName()))
            .withOpenEnds(openBelow, slice.maxTicketId() == null)
            .withNullIds(openBelow && settings.nullIdTables().contains(table.tableName()));
    return settings.samples() ? sliced.withSample(settings.sample()) : sliced;
  }

  /** The ticket rows of the run's slice, in parallel id ranges. */
  PCollection<SourceRow> readTickets(PBegin input) {
    return input.apply(
        "ReadTickets",
        sliced(
            ticketRead(settings.source(), settings.ticketRanges()),
            SourceTable.SPORTING_EVENT_TICKET));
  }

  /** The purchase-history rows of the run's slice, in the same id ranges (by ticket id). */
  PCollection<SourceRow> readHistory(PBegin input) {
    return input.apply(
        "ReadPurchaseHistory",
        sliced(
            historyRead(
                settings.source(), settings.ticketRanges(), settings.slice().slicesByDate()),
            SourceTable.TICKET_PURCHASE_HIST));
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollection<SourceRow> tickets = readTickets(input);
    PCollection<SourceRow> history = readHistory(input);
    return PCollectionTuple.of(TicketSalesItems.TICKETS, tickets)
        .and(TicketSalesItems.HISTORY, history)
        .apply("BuildTicketSales", TicketSalesItems.create());
  }
}
