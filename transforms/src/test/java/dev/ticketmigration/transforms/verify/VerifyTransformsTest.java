package dev.ticketmigration.transforms.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.DeadLetter;
import dev.ticketmigration.schemas.Entity;
import dev.ticketmigration.schemas.ItemCoder;
import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verify transforms on the DirectRunner with its immutability and encodability checks on:
 * comparing by key and digest, scoping a scanned table to a slice, and guarding deletes of items
 * whose source rows were rejected.
 */
class VerifyTransformsTest {

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  private static Map<String, AttributeValue> item(
      String pk, String sk, String entity, String... kv) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", Items.s(pk));
    item.put("SK", Items.s(sk));
    item.put("entity", Items.s(entity));
    for (int i = 0; i < kv.length; i += 2) {
      item.put(kv[i], kv[i].endsWith("_id") ? Items.n(kv[i + 1]) : Items.s(kv[i + 1]));
    }
    return item;
  }

  private static PCollection<Map<String, AttributeValue>> items(
      Pipeline p, String name, List<Map<String, AttributeValue>> items) {
    return p.apply(name, Create.of(items).withCoder(ItemCoder.of()));
  }

  private static PCollection<String> keys(
      PCollection<Map<String, AttributeValue>> items, String name) {
    return items.apply(name, MapElements.into(TypeDescriptors.strings()).via(Items::key));
  }

  private static PCollection<String> kinds(PCollection<VerifyFinding> findings, String name) {
    return findings.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(f -> f.kind() + " " + f.key()));
  }

  @Test
  void compareFindsMissingExtraAndDifferentItemsAndWhatRepairWrites() {
    Pipeline p = pipeline();
    var same = item("TICKET#1", "TICKET", "TICKET", "status", "SOLD");
    var wantChanged = item("TICKET#2", "TICKET", "TICKET", "status", "SOLD");
    var haveChanged = item("TICKET#2", "TICKET", "TICKET", "status", "AVAILABLE");
    var missing = item("TICKET#3", "TICKET", "TICKET");
    var extra = item("TICKET#4", "TICKET", "TICKET");
    // the sync's bookkeeping is not content: an item it wrote matches what the source produces
    var synced = item("TICKET#5", "TICKET", "TICKET", "status", "SOLD");
    var syncedActual = new HashMap<>(synced);
    syncedActual.put(Attr.SOURCE_POSITION, Items.n("24681357"));
    var haveChangedSynced = new HashMap<>(haveChanged);
    haveChangedSynced.put(Attr.SOURCE_POSITION, Items.n("24681357"));
    PCollectionTuple out =
        PCollectionTuple.of(
                CompareItems.EXPECTED,
                items(p, "Expected", List.of(same, wantChanged, missing, synced)))
            .and(
                CompareItems.ACTUAL,
                items(p, "Actual", List.of(same, haveChangedSynced, extra, syncedActual)))
            .apply(CompareItems.of("t"));
    PAssert.that(kinds(out.get(CompareItems.FINDINGS), "Kinds"))
        .containsInAnyOrder(
            "DIFFERENT TICKET#2 | TICKET", "MISSING TICKET#3 | TICKET", "EXTRA TICKET#4 | TICKET");
    PAssert.that(out.get(CompareItems.TO_PUT)).containsInAnyOrder(List.of(wantChanged, missing));
    PAssert.that(out.get(CompareItems.TO_DELETE)).containsInAnyOrder(List.of(extra));
    p.run().waitUntilFinish();
  }

  @Test
  void scopeKeepsTheSliceByEntityIdAndEventDate() {
    var person = item("PERSON#1", "PROFILE", "PERSON");
    var team = item("TEAM#a#b", "1", "TEAM");
    var noEntity = Map.of("PK", Items.s("X"), "SK", Items.s("Y"));
    assertTrue(TargetScope.all().contains(noEntity, id -> null));
    TargetScope people = TargetScope.entities(Set.of(Entity.PERSON));
    assertTrue(people.contains(person, id -> null));
    assertFalse(people.contains(team, id -> null));
    assertFalse(people.contains(noEntity, id -> null));

    var t5 = item("TICKET#5", "TICKET", "TICKET", "event_id", "7");
    var t5transfer = item("TICKET#5", "TRANSFER#x#1", "TRANSFER", "event_id", "7");
    var t50 = item("TICKET#50", "TICKET", "TICKET", "event_id", "8");
    var orphan = item("TICKET#6", "TICKET", "TICKET", "event_id", "999");
    var notATicket = item("OTHER#6", "TICKET", "TICKET");
    TargetScope ids = TargetScope.tickets(1L, 10L, null, null);
    assertTrue(ids.contains(t5, id -> null));
    assertFalse(ids.contains(t50, id -> null));
    assertFalse(ids.contains(notATicket, id -> null));

    Map<String, String> dates = Map.of("7", "2026-05-01", "8", "2026-06-01");
    TargetScope may = TargetScope.tickets(null, null, "2026-05-01", "2026-06-01");
    TargetScope openBelow = TargetScope.tickets(null, null, null, "2026-06-01");
    assertTrue(may.contains(t5transfer, dates::get));
    assertFalse(may.contains(t50, dates::get));
    // an unknown event sorts before every date: only the slice open below owns it
    assertFalse(may.contains(orphan, dates::get));
    assertTrue(openBelow.contains(orphan, dates::get));

    Pipeline p = pipeline();
    PCollectionView<Map<String, Iterable<String>>> view =
        p.apply(
                "Dates",
                Create.of(
                        KV.of("7", "2026-05-01"),
                        KV.of("8", "2026-06-01"),
                        KV.of("9", "2026-05-02"),
                        KV.of("9", "2026-07-01"))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(View.asMultimap());
    var twoDates = item("TICKET#9", "TICKET", "TICKET", "event_id", "9");
    PCollection<Map<String, AttributeValue>> scoped =
        items(p, "Scanned", List.of(t5, t5transfer, t50, orphan, twoDates))
            .apply(ScopeItems.of(may, view));
    PAssert.that(keys(scoped, "Keys"))
        .containsInAnyOrder("TICKET#5 | TICKET", "TICKET#5 | TRANSFER#x#1");
    p.run().waitUntilFinish();
  }

  /**
   * {@link GuardDeletes} of {@code table}, given candidate deletes and the run's dead letters,
   * deletes {@code deletes} and keeps the items {@code kept} names.
   */
  private static void assertGuard(
      String tableName,
      TargetTable table,
      List<Map<String, AttributeValue>> candidates,
      List<Map<String, AttributeValue>> deletes,
      List<String> kept,
      DeadLetter... letters) {
    Pipeline p = pipeline();
    PCollection<DeadLetter> rejected =
        p.apply("Letters", Create.of(List.of(letters)).withCoder(DeadLetter.coder()));
    PCollectionTuple guarded =
        PCollectionTuple.of(GuardDeletes.CANDIDATES, items(p, "Extra", candidates))
            .and(GuardDeletes.REJECTED, rejected)
            .apply(GuardDeletes.of(tableName, table));
    PAssert.that(guarded.get(GuardDeletes.DELETES)).containsInAnyOrder(deletes);
    PAssert.that(kinds(guarded.get(GuardDeletes.KEPT), "Kept")).containsInAnyOrder(kept);
    p.run().waitUntilFinish();
  }

  private static SourceRow ticketRow(String id) {
    return SourceRow.builder("sporting_event_ticket")
        .add("id", SourceRow.Kind.NUMBER, id)
        .add("ticket_price", SourceRow.Kind.NUMBER, "-5")
        .build();
  }

  @Test
  void guardKeepsItemsWhoseSourceRowsWereRejected() {
    var ticket31 = item("TICKET#31", "TICKET", "TICKET");
    assertGuard(
        "t",
        TargetTable.TICKET_SALES,
        List.of(
            item("TICKET#30", "TICKET", "TICKET"),
            item("TICKET#30", "TRANSFER#t#2", "TRANSFER"),
            ticket31),
        List.of(ticket31),
        List.of("KEPT TICKET#30 | TICKET", "KEPT TICKET#30 | TRANSFER#t#2"),
        DeadLetter.of(ticketRow("30"), "ticket_price -5 is outside 0..214748.3647"),
        DeadLetter.of(
            SourceRow.builder("person").add("id", SourceRow.Kind.NUMBER, "5").build(),
            "full_name is NULL"));
  }

  @Test
  void aRejectedRowWithAnUnreadableKeyProtectsItsWholeEntity() {
    var location = item("LOCATION", "1", "LOCATION");
    assertGuard(
        "c",
        TargetTable.CONFIG,
        List.of(
            item("PERSON#5", "PROFILE", "PERSON"), item("PERSON#6", "PROFILE", "PERSON"), location),
        List.of(location),
        List.of("KEPT PERSON#5 | PROFILE", "KEPT PERSON#6 | PROFILE"),
        DeadLetter.of(
            SourceRow.builder("person").add("id", SourceRow.Kind.STRING, "abc").build(),
            "id is abc, not a whole number"),
        DeadLetter.of(ticketRow("x"), "id is x, not a whole number"));
    assertEquals(
        GuardDeletes.WHOLE_TABLE,
        GuardDeletes.protectionKey(
            TargetTable.TICKET_SALES,
            dev.ticketmigration.schemas.SourceTable.SPORTING_EVENT_TICKET,
            DeadLetter.of(ticketRow("x"), "bad id")));
  }
}
