package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.reading.ReadByIdRanges;
import dev.ticketmigration.transforms.reading.SampleRows;
import dev.ticketmigration.transforms.reading.SqlText;
import dev.ticketmigration.transforms.items.TicketSalesItems;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Tickets and their purchase history → the {@code ticket_sales} items they must become
 * ({@link TicketSalesItems#ITEMS}) and dead letters: both tables read in parallel id ranges,
 * grouped by ticket. Shared by the migration and the verify run.
 */
final class TicketSalesFromSource extends PTransform<PBegin, PCollectionTuple> {
  private final RunSettings settings;

  TicketSalesFromSource(RunSettings settings) {
    this.settings = settings;
  }

  /** Tickets with their event's start; LEFT JOIN so a ticket of a missing event is reported. */
  static String ticketSelect(RunSettings settings) {
    return SqlText.SELECT
        + "t.*, e."
        + SourceColumns.START_DATE_TIME
        + " AS "
        + TicketItemBuilder.EVENT_START_COLUMN
        + " FROM "
        + settings.source().qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
        + " t LEFT JOIN "
        + settings.source().qualify(SourceTable.SPORTING_EVENT.tableName())
        + " e ON "
        + eventOfTicket();
  }

  /**
   * History rows; a slice by event date reaches the event through the ticket (LEFT JOINs: an
   * orphan row has no event date, and is read by the slice that owns unknown dates).
   */
  static String historySelect(RunSettings settings) {
    String select =
        SqlText.SELECT
            + "h.* FROM "
            + settings.source().qualify(SourceTable.TICKET_PURCHASE_HIST.tableName())
            + " h";
    if (settings.slice().slicesByDate()) {
      select +=
          " LEFT JOIN "
              + settings.source().qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
              + " t ON t."
              + SourceColumns.ID
              + " = h."
              + TicketItemBuilder.HISTORY_TICKET_COLUMN
              + " LEFT JOIN "
              + settings.source().qualify(SourceTable.SPORTING_EVENT.tableName())
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
   * The read of one ticket table within the slice: its event dates, and the rows outside the
   * measured id ranges that the slice owns (ids below or above them, and NULL ids, which sort
   * before every id, when the slice has no lower id bound).
   */
  private ReadByIdRanges sliced(ReadByIdRanges read, SourceTable table) {
    Slice slice = settings.slice();
    boolean openBelow = slice.minTicketId() == null;
    return read.withFilter(slice.eventDatePredicate("e"), slice.eventDateParameters())
        .withWholeNumberIds(!settings.fractionalIdTables().contains(table.tableName()))
        .withOpenEnds(openBelow, slice.maxTicketId() == null)
        .withNullIds(openBelow && settings.nullIdTables().contains(table.tableName()));
  }

  /** The ticket rows of the run's slice, in parallel id ranges. */
  PCollection<SourceRow> readTickets(PBegin input) {
    return input.apply(
        "ReadTickets",
        sliced(
            ReadByIdRanges.of(
                settings.source(),
                SourceTable.SPORTING_EVENT_TICKET.tableName(),
                ticketSelect(settings),
                "t." + SourceColumns.ID,
                settings.ticketRanges()),
            SourceTable.SPORTING_EVENT_TICKET));
  }

  /** The purchase-history rows of the run's slice, in the same id ranges (by ticket id). */
  PCollection<SourceRow> readHistory(PBegin input) {
    return input.apply(
        "ReadPurchaseHistory",
        sliced(
            ReadByIdRanges.of(
                settings.source(),
                SourceTable.TICKET_PURCHASE_HIST.tableName(),
                historySelect(settings),
                "h." + TicketItemBuilder.HISTORY_TICKET_COLUMN,
                settings.ticketRanges()),
            SourceTable.TICKET_PURCHASE_HIST));
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollection<SourceRow> tickets = readTickets(input);
    PCollection<SourceRow> history = readHistory(input);
    if (settings.samples()) {
      tickets = tickets.apply("SampleTickets", SampleRows.of(settings.sampleFraction(), List.of(SourceColumns.ID)));
      history =
          history.apply(
              "SampleHistory",
              SampleRows.of(
                  settings.sampleFraction(), List.of(TicketItemBuilder.HISTORY_TICKET_COLUMN)));
    }
    return PCollectionTuple.of(TicketSalesItems.TICKETS, tickets)
        .and(TicketSalesItems.HISTORY, history)
        .apply("BuildTicketSales", TicketSalesItems.create());
  }
}
