package dev.ticketmigration.transforms.items;

import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.ItemValidator;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ticket rows and purchase-history rows in, {@code ticket_sales} items and dead letters out: key
 * both by ticket id, group them (CoGroupByKey), build one ticket item plus its transfer items per
 * group (SPEC §2).
 */
public final class TicketSalesItems extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Input: rows of {@code sporting_event_ticket} joined with the event's start. */
  public static final TupleTag<SourceRow> TICKETS = new TupleTag<SourceRow>() {};

  /** Input: rows of {@code ticket_purchase_hist}. */
  public static final TupleTag<SourceRow> HISTORY = new TupleTag<SourceRow>() {};

  /** Output: items for {@code ticket_sales}. */
  public static final TupleTag<Map<String, AttributeValue>> ITEMS =
      new TupleTag<Map<String, AttributeValue>>() {};

  private static final int TICKET_SALES_INDEXES = TargetTable.TICKET_SALES.indexNames().size();

  public static TicketSalesItems create() {
    return new TicketSalesItems();
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionTuple tickets = keyById(input.get(TICKETS), "KeyTicketsById", SourceColumns.ID);
    PCollectionTuple history =
        keyById(input.get(HISTORY), "KeyHistoryByTicket", TicketItemBuilder.HISTORY_TICKET_COLUMN);

    TupleTag<SourceRow> ticketTag = new TupleTag<>();
    TupleTag<SourceRow> historyTag = new TupleTag<>();
    KvCoder<Long, SourceRow> keyedCoder = KvCoder.of(VarLongCoder.of(), SourceRowCoder.of());
    PCollection<KV<Long, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(ticketTag, tickets.get(KeyById.KEYED).setCoder(keyedCoder))
            .and(historyTag, history.get(KeyById.KEYED).setCoder(keyedCoder))
            .apply("JoinTicketHistory", CoGroupByKey.create());

    PCollectionTuple built =
        joined.apply(
            "ToTicketItems",
            ParDo.of(new ToTicketItemsFn(ticketTag, historyTag))
                .withOutputTags(ITEMS, TupleTagList.of(DeadLetters.TAG)));
    built.get(ITEMS).setCoder(ItemCoder.of());

    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(tickets.get(DeadLetters.TAG).setCoder(DeadLetter.coder()))
            .and(history.get(DeadLetters.TAG).setCoder(DeadLetter.coder()))
            .and(built.get(DeadLetters.TAG).setCoder(DeadLetter.coder()))
            .apply("CollectDeadLetters", Flatten.pCollections());
    return PCollectionTuple.of(ITEMS, built.get(ITEMS)).and(DeadLetters.TAG, deadLetters);
  }

  /**
   * The checked items of one ticket: built and validated exactly as the migration does. Public for
   * the sync, which rebuilds single tickets with it (one layout, one code path).
   *
   * @throws RejectedRowException when the rows cannot become valid items
   */
  public static List<Map<String, AttributeValue>> itemsOf(
      List<SourceRow> tickets, List<SourceRow> history) {
    List<Map<String, AttributeValue>> items = TicketItemBuilder.build(tickets, history);
    for (Map<String, AttributeValue> item : items) {
      String problem = ItemValidator.problem(item, TICKET_SALES_INDEXES);
      if (problem != null) {
        throw new RejectedRowException(problem);
      }
    }
    return items;
  }

  /** Keys {@code rows} by {@code idColumn}: {@link KeyById#KEYED}, and dead letters. */
  private static PCollectionTuple keyById(
      PCollection<SourceRow> rows, String stepName, String idColumn) {
    return rows.apply(
        stepName,
        ParDo.of(new KeyById(idColumn))
            .withOutputTags(KeyById.KEYED, TupleTagList.of(DeadLetters.TAG)));
  }

  /**
   * Builds a ticket's items from its group; when the group is rejected every row of it becomes a
   * dead letter, so the ticket is migrated whole or not at all.
   */
  static final class ToTicketItemsFn
      extends DoFn<KV<Long, CoGbkResult>, Map<String, AttributeValue>> {
    private final TupleTag<SourceRow> ticketTag;
    private final TupleTag<SourceRow> historyTag;

    ToTicketItemsFn(TupleTag<SourceRow> ticketTag, TupleTag<SourceRow> historyTag) {
      this.ticketTag = ticketTag;
      this.historyTag = historyTag;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      CoGbkResult group = context.element().getValue();
      // getAll, not getOnly: a duplicate or missing ticket row is bad data to report, not a crash
      List<SourceRow> tickets = toList(group.getAll(ticketTag));
      List<SourceRow> history = toList(group.getAll(historyTag));
      List<Map<String, AttributeValue>> items;
      try {
        items = itemsOf(tickets, history);
      } catch (RejectedRowException e) {
        for (SourceRow row : tickets) {
          DeadLetters.reject(context, row, e.reason());
        }
        for (SourceRow row : history) {
          DeadLetters.reject(context, row, e.reason());
        }
        return;
      }
      items.forEach(context::output);
    }

    private static List<SourceRow> toList(Iterable<SourceRow> rows) {
      List<SourceRow> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    }
  }
}
