package dev.ticketmigration.transforms.items;

import dev.ticketmigration.schemas.ConfigItemBuilder;
import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.ItemValidator;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.RejectedRowException;
import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.DeadLetters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rows of the ten configuration tables in, {@code config} items and dead letters out. Event names
 * need team names, which come in as a side input; items are then grouped by their key so that two
 * source rows mapping to one item are reported, never silently overwritten.
 */
public final class ConfigItems extends PTransform<PCollection<SourceRow>, PCollectionTuple> {
  public static final TupleTag<Map<String, AttributeValue>> ITEMS =
      new TupleTag<Map<String, AttributeValue>>() {};

  private static final TupleTag<KV<String, KV<SourceRow, Map<String, AttributeValue>>>> KEYED =
      new TupleTag<KV<String, KV<SourceRow, Map<String, AttributeValue>>>>() {};

  private final @Nullable PCollection<SourceRow> teamRows;

  private ConfigItems(@Nullable PCollection<SourceRow> teamRows) {
    this.teamRows = teamRows;
  }

  public static ConfigItems create() {
    return new ConfigItems(null);
  }

  /**
   * Names events from these sport_team rows instead of the input's: for a slice that migrates
   * sporting_event without sport_team, whose team rows are read for the names only.
   */
  public ConfigItems withTeamRows(PCollection<SourceRow> rows) {
    return new ConfigItems(rows);
  }

  @Override
  public PCollectionTuple expand(PCollection<SourceRow> rows) {
    PCollectionView<Map<String, Iterable<String>>> teamNames =
        (teamRows != null ? teamRows : rows)
            .apply("TeamNames", ParDo.of(new TeamNameFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("TeamNamesView", View.asMultimap());

    PCollectionTuple built =
        rows.apply(
            "ToConfigItems",
            ParDo.of(new ToConfigItemFn(teamNames))
                .withSideInputs(teamNames)
                .withOutputTags(KEYED, TupleTagList.of(DeadLetters.TAG)));
    PCollectionTuple checked =
        built
            .get(KEYED)
            .setCoder(
                KvCoder.of(StringUtf8Coder.of(), KvCoder.of(SourceRowCoder.of(), ItemCoder.of())))
            .apply("GroupByItemKey", GroupByKey.create())
            .apply(
                "CheckKeyCollisions",
                ParDo.of(new CheckKeyCollisionsFn())
                    .withOutputTags(ITEMS, TupleTagList.of(DeadLetters.TAG)));
    checked.get(ITEMS).setCoder(ItemCoder.of());

    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(built.get(DeadLetters.TAG).setCoder(DeadLetter.coder()))
            .and(checked.get(DeadLetters.TAG).setCoder(DeadLetter.coder()))
            .apply("CollectDeadLetters", Flatten.pCollections());
    return PCollectionTuple.of(ITEMS, checked.get(ITEMS)).and(DeadLetters.TAG, deadLetters);
  }

  /**
   * The checked item of one configuration row: built and validated exactly as the migration does.
   * Public for the sync, which rebuilds single rows with it.
   *
   * @throws RejectedRowException when the row cannot become a valid item
   */
  public static Map<String, AttributeValue> itemOf(
      SourceTable table, SourceRow row, ConfigItemBuilder.TeamNames teams) {
    Map<String, AttributeValue> item = ConfigItemBuilder.build(table, row, teams);
    String problem = ItemValidator.problem(item, CONFIG_INDEXES);
    if (problem != null) {
      throw new RejectedRowException(problem);
    }
    return item;
  }

  /** sport_team rows as (id, name) for naming events. */
  static final class TeamNameFn extends DoFn<SourceRow, KV<String, String>> {
    @ProcessElement
    public void processElement(ProcessContext context) {
      SourceRow row = context.element();
      if (!row.table().equals(SourceTable.SPORT_TEAM.tableName())) {
        return;
      }
      String id = SourceValues.idDigits(row.text(SourceColumns.ID));
      String name = row.text(SourceColumns.NAME);
      if (id != null && name != null) {
        context.output(KV.of(id, name));
      }
    }
  }

  /** Builds and validates each row's item, keyed by the item's primary key. */
  static final class ToConfigItemFn
      extends DoFn<SourceRow, KV<String, KV<SourceRow, Map<String, AttributeValue>>>> {
    private final PCollectionView<Map<String, Iterable<String>>> teamNames;

    ToConfigItemFn(PCollectionView<Map<String, Iterable<String>>> teamNames) {
      this.teamNames = teamNames;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      SourceRow row = context.element();
      if (DeadLetters.rejectUnread(context, row)) {
        return;
      }
      SourceTable table = SourceTable.byName(row.table()).orElseThrow();
      Map<String, Iterable<String>> teams = context.sideInput(teamNames);
      try {
        Map<String, AttributeValue> item = itemOf(table, row, id -> uniqueName(teams.get(id)));
        context.output(KEYED, KV.of(Items.key(item), KV.of(row, item)));
      } catch (RejectedRowException e) {
        DeadLetters.reject(context, row, e.reason());
      }
    }

    /** A team id that names two different teams names no event. */
    private static String uniqueName(Iterable<String> names) {
      if (names == null) {
        return null;
      }
      Set<String> distinct = new HashSet<>();
      names.forEach(distinct::add);
      return distinct.size() == 1 ? distinct.iterator().next() : null;
    }
  }

  private static final int CONFIG_INDEXES = TargetTable.CONFIG.indexNames().size();

  /**
   * Passes an item whose key came from one source row. Identical duplicates are written once and
   * the extra rows reported; different rows with one key are all reported, none written.
   */
  static final class CheckKeyCollisionsFn
      extends DoFn<
          KV<String, Iterable<KV<SourceRow, Map<String, AttributeValue>>>>,
          Map<String, AttributeValue>> {
    @ProcessElement
    public void processElement(ProcessContext context) {
      List<KV<SourceRow, Map<String, AttributeValue>>> rows = new ArrayList<>();
      context.element().getValue().forEach(rows::add);
      Map<String, AttributeValue> first = rows.get(0).getValue();
      if (rows.size() == 1) {
        context.output(first);
        return;
      }
      boolean identical = rows.stream().allMatch(r -> r.getValue().equals(first));
      String key = context.element().getKey();
      if (identical) {
        context.output(first);
        for (KV<SourceRow, Map<String, AttributeValue>> r : rows.subList(1, rows.size())) {
          DeadLetters.reject(
              context, r.getKey(), "duplicate source row: item " + key + " is written once");
        }
      } else {
        for (KV<SourceRow, Map<String, AttributeValue>> r : rows) {
          DeadLetters.reject(
              context,
              r.getKey(),
              rows.size() + " different source rows map to item " + key + "; none written");
        }
      }
    }
  }
}
