package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.DeadLetters;
import dev.ticketmigration.transforms.ReadByIdRanges;
import dev.ticketmigration.transforms.TicketSalesItems;
import dev.ticketmigration.transforms.WriteItems;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Tickets and their purchase history → {@code ticket_sales}: read both in parallel id ranges,
 * group by ticket, write one ticket item plus transfer items per ticket; returns dead letters.
 */
public final class TicketSalesMigration extends PTransform<PBegin, PCollection<DeadLetter>> {
  private final MigrationPlan plan;

  TicketSalesMigration(MigrationPlan plan) {
    this.plan = plan;
  }

  /** Tickets with their event's start; LEFT JOIN so a ticket of a missing event is reported. */
  static String ticketSelect(MigrationPlan plan) {
    return "SELECT t.*, e.start_date_time AS "
        + TicketItemBuilder.EVENT_START_COLUMN
        + " FROM "
        + plan.source().qualify(SourceTable.SPORTING_EVENT_TICKET.tableName())
        + " t LEFT JOIN "
        + plan.source().qualify(SourceTable.SPORTING_EVENT.tableName())
        + " e ON e.id = t.sporting_event_id";
  }

  static String historySelect(MigrationPlan plan) {
    return "SELECT h.* FROM "
        + plan.source().qualify(SourceTable.TICKET_PURCHASE_HIST.tableName())
        + " h";
  }

  @Override
  public PCollection<DeadLetter> expand(PBegin input) {
    PCollection<SourceRow> tickets =
        input.apply(
            "ReadTickets",
            ReadByIdRanges.of(
                plan.source(),
                SourceTable.SPORTING_EVENT_TICKET.tableName(),
                ticketSelect(plan),
                "t.id",
                plan.ticketRanges()));
    PCollection<SourceRow> history =
        input.apply(
            "ReadPurchaseHistory",
            ReadByIdRanges.of(
                plan.source(),
                SourceTable.TICKET_PURCHASE_HIST.tableName(),
                historySelect(plan),
                "h." + TicketItemBuilder.HISTORY_TICKET_COLUMN,
                plan.ticketRanges()));
    PCollectionTuple items =
        PCollectionTuple.of(TicketSalesItems.TICKETS, tickets)
            .and(TicketSalesItems.HISTORY, history)
            .apply("BuildTicketSales", TicketSalesItems.create());
    items
        .get(TicketSalesItems.ITEMS)
        .apply(
            "WriteTicketSales",
            WriteItems.to(
                plan.target(), TargetTable.TICKET_SALES.tableName(plan.target().tablePrefix())));
    return items.get(DeadLetters.TAG);
  }
}
