package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.MetricNames;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks, inside the table alone, that each ticket's history and its transfer items agree: one
 * transfer item per transfer in the history, with the same parties, time and price, and no transfer
 * item without its history entry. This is what the purchase and transfer write paths must keep true
 * after cut-over.
 */
public final class CheckTransfers
    extends PTransform<PCollection<Map<String, AttributeValue>>, PCollection<VerifyFinding>> {
  private final String tableName;

  private CheckTransfers(String tableName) {
    this.tableName = Objects.requireNonNull(tableName);
  }

  public static CheckTransfers in(String tableName) {
    return new CheckTransfers(tableName);
  }

  @Override
  public PCollection<VerifyFinding> expand(PCollection<Map<String, AttributeValue>> items) {
    return items
        .apply(
            "KeyByTicket",
            WithKeys.of((Map<String, AttributeValue> i) -> i.get(Attr.PK).s())
                .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ItemCoder.of()))
        .apply("GroupByTicket", GroupByKey.create())
        .apply("CompareHistoryWithTransfers", ParDo.of(new CheckFn(tableName)))
        .setCoder(VerifyFinding.coder());
  }

  static final class CheckFn
      extends DoFn<KV<String, Iterable<Map<String, AttributeValue>>>, VerifyFinding> {
    private final String tableName;
    private transient Counter mismatches;

    CheckFn(String tableName) {
      this.tableName = tableName;
    }

    @Setup
    public void setup() {
      mismatches =
          Metrics.counter(
              MetricNames.NAMESPACE, MetricNames.verified("transfer_mismatch", tableName));
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      Map<String, String> fromHistory = new TreeMap<>();
      Map<String, String> fromItems = new TreeMap<>();
      for (Map<String, AttributeValue> item : context.element().getValue()) {
        String entity = Items.entity(item);
        if (entity.equals(Entity.TICKET.name()) && item.containsKey(Attr.HISTORY)) {
          // only the transfers' own attributes are compared, not the ticket and event ids
          String ticketId = number(item, Attr.TICKET_ID);
          String eventId = number(item, Attr.EVENT_ID);
          for (AttributeValue entry : item.get(Attr.HISTORY).l()) {
            Map<String, AttributeValue> transfer =
                TicketItemBuilder.transferOf(ticketId, eventId, entry.m());
            if (transfer != null) {
              fromHistory.put(transfer.get(Attr.SK).s(), summary(transfer));
            }
          }
        } else if (entity.equals(Entity.TRANSFER.name())) {
          fromItems.put(item.get(Attr.SK).s(), summary(item));
        }
      }
      if (!fromHistory.equals(fromItems)) {
        mismatches.inc();
        context.output(
            new VerifyFinding(
                tableName,
                VerifyFinding.Kind.TRANSFER_MISMATCH,
                context.element().getKey(),
                "history has transfers "
                    + fromHistory.keySet()
                    + ", transfer items "
                    + fromItems.keySet()));
      }
    }

    /** {@code from>to@price} of a transfer item, numbers by value. */
    private static String summary(Map<String, AttributeValue> transfer) {
      return plain(transfer.get(Attr.FROM_ID).n())
          + ">"
          + plain(transfer.get(Attr.TO_ID).n())
          + "@"
          + plain(transfer.get(Attr.PURCHASE_PRICE).n());
    }

    private static String number(Map<String, AttributeValue> item, String name) {
      AttributeValue value = item.get(name);
      return value == null || value.n() == null ? "" : value.n();
    }

    private static String plain(String number) {
      return new BigDecimal(number).stripTrailingZeros().toPlainString();
    }
  }
}
