package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.KeyFormats;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.schemas.TicketItemBuilder;
import dev.ticketmigration.transforms.MetricNames;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stands between a verify's extra items and the repair's deletes: an extra item whose source row
 * was rejected in this run is not deleted (the source still holds the row; the item may be all that
 * is left of it) but reported as {@link VerifyFinding.Kind#KEPT}. A rejected ticket row protects
 * every item of its ticket; a rejected configuration row the item with its key. A rejected row
 * whose key columns cannot be read protects every item it might have been: all of ticket_sales, or
 * all config items of its entity.
 */
public final class GuardDeletes extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Input: items the comparison found extra. */
  public static final TupleTag<Map<String, AttributeValue>> CANDIDATES =
      new TupleTag<Map<String, AttributeValue>>() {};

  /** Input: this run's dead letters (every table; only this table's rows count). */
  public static final TupleTag<DeadLetter> REJECTED = new TupleTag<DeadLetter>() {};

  /** Output: items safe to delete. */
  public static final TupleTag<Map<String, AttributeValue>> DELETES =
      new TupleTag<Map<String, AttributeValue>>() {};

  /** Output: one KEPT finding per item not deleted. */
  public static final TupleTag<VerifyFinding> KEPT = new TupleTag<VerifyFinding>() {};

  /** The protection key of a rejected row that covers every item of the table. */
  static final String WHOLE_TABLE = "*";

  private final String tableName;
  private final TargetTable table;

  private GuardDeletes(String tableName, TargetTable table) {
    this.tableName = Objects.requireNonNull(tableName);
    this.table = Objects.requireNonNull(table);
  }

  /** Guards deletes from the physical table {@code tableName}, a {@code table}. */
  public static GuardDeletes of(String tableName, TargetTable table) {
    return new GuardDeletes(tableName, table);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    KvCoder<String, String> strings = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> protections =
        input
            .get(REJECTED)
            .apply("ProtectedKeys", ParDo.of(new ProtectedKeyFn(table)))
            .setCoder(strings);
    PCollectionView<List<String>> wildcards =
        protections
            .apply("Wildcards", Filter.by(kv -> kv.getKey().startsWith(WHOLE_TABLE)))
            .setCoder(strings)
            .apply("WildcardKeys", Keys.create())
            .apply("DistinctWildcards", Distinct.create())
            .apply("WildcardView", View.asList());
    TupleTag<Map<String, AttributeValue>> candidate = new TupleTag<>();
    TupleTag<String> reason = new TupleTag<>();
    PCollection<KV<String, Map<String, AttributeValue>>> keyed =
        input
            .get(CANDIDATES)
            .apply(
                "KeyByProtection",
                WithKeys.of(new ProtectionKeyOfItem(table)).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ItemCoder.of()));
    PCollectionTuple out =
        KeyedPCollectionTuple.of(candidate, keyed)
            .and(reason, protections)
            .apply("JoinRejectedRows", CoGroupByKey.create())
            .apply(
                "KeepRejected",
                ParDo.of(new GuardFn(tableName, candidate, reason, wildcards))
                    .withSideInputs(wildcards)
                    .withOutputTags(DELETES, TupleTagList.of(KEPT)));
    out.get(DELETES).setCoder(ItemCoder.of());
    out.get(KEPT).setCoder(VerifyFinding.coder());
    return out;
  }

  /** The key an item is protected under: its PK in ticket_sales, {@code PK | SK} in config. */
  static final class ProtectionKeyOfItem
      implements org.apache.beam.sdk.transforms.SerializableFunction<
          Map<String, AttributeValue>, String> {
    private static final long serialVersionUID = 1L;
    private final TargetTable table;

    ProtectionKeyOfItem(TargetTable table) {
      this.table = table;
    }

    @Override
    public String apply(Map<String, AttributeValue> item) {
      if (table == TargetTable.TICKET_SALES) {
        AttributeValue pk = item.get(Attr.PK);
        return pk == null || pk.s() == null ? "" : pk.s();
      }
      return Items.key(item);
    }
  }

  /** (protection key, reason) of a rejected row of this table's source tables. */
  static final class ProtectedKeyFn extends DoFn<DeadLetter, KV<String, String>> {
    private final TargetTable table;

    ProtectedKeyFn(TargetTable table) {
      this.table = table;
    }

    @ProcessElement
    public void processElement(@Element DeadLetter letter, OutputReceiver<KV<String, String>> out) {
      Optional<SourceTable> source = SourceTable.byName(letter.sourceTable());
      if (source.isEmpty()) {
        return;
      }
      String key = protectionKey(table, source.get(), letter);
      if (key != null) {
        out.output(KV.of(key, letter.reason()));
      }
    }
  }

  /** The key a rejected row protects, or null when the row belongs to the other table. */
  static @Nullable String protectionKey(TargetTable table, SourceTable source, DeadLetter letter) {
    boolean ticketRow = source.kind() == SourceTable.Kind.TICKET;
    if (ticketRow != (table == TargetTable.TICKET_SALES)) {
      return null;
    }
    if (ticketRow) {
      String column =
          source == SourceTable.SPORTING_EVENT_TICKET
              ? SourceColumns.ID
              : TicketItemBuilder.HISTORY_TICKET_COLUMN;
      String id = SourceValues.idDigits(letter.row().text(column));
      return id == null ? WHOLE_TABLE : KeyFormats.ticketPk(id);
    }
    try {
      return ConfigItemBuilder.key(source, letter.row()).text();
    } catch (RejectedRowException e) {
      return WHOLE_TABLE + ConfigItemBuilder.entity(source).name();
    }
  }

  static final class GuardFn extends DoFn<KV<String, CoGbkResult>, Map<String, AttributeValue>> {
    private final String tableName;
    private final TupleTag<Map<String, AttributeValue>> candidate;
    private final TupleTag<String> reason;
    private final PCollectionView<List<String>> wildcards;
    private transient Counter kept;

    GuardFn(
        String tableName,
        TupleTag<Map<String, AttributeValue>> candidate,
        TupleTag<String> reason,
        PCollectionView<List<String>> wildcards) {
      this.tableName = tableName;
      this.candidate = candidate;
      this.reason = reason;
      this.wildcards = wildcards;
    }

    @Setup
    public void setup() {
      kept =
          Metrics.counter(
              MetricNames.NAMESPACE,
              MetricNames.verified(
                  VerifyFinding.Kind.KEPT.name().toLowerCase(Locale.ROOT), tableName));
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      CoGbkResult group = context.element().getValue();
      var reasons = group.getAll(reason).iterator();
      String why = reasons.hasNext() ? reasons.next() : null;
      Set<String> wild = new HashSet<>(context.sideInput(wildcards));
      for (Map<String, AttributeValue> item : group.getAll(candidate)) {
        String rejected = why;
        if (rejected == null
            && (wild.contains(WHOLE_TABLE) || wild.contains(WHOLE_TABLE + Items.entity(item)))) {
          rejected = "a source row of this entity was rejected and its key could not be read";
        }
        if (rejected == null) {
          context.output(item);
        } else {
          kept.inc();
          context.output(
              KEPT,
              new VerifyFinding(
                  tableName,
                  VerifyFinding.Kind.KEPT,
                  Items.key(item),
                  "not deleted: its source row was rejected in this run (" + rejected + ")"));
        }
      }
    }
  }
}
