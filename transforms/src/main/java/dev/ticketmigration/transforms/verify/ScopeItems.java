package dev.ticketmigration.transforms.verify;

import dev.ticketmigration.schemas.ItemCoder;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps the items of a table that lie in a run's {@link TargetScope} and drops the rest, so that
 * what a sliced verify reports and a sliced repair rewrites or deletes is its own slice only.
 */
public final class ScopeItems
    extends PTransform<
        PCollection<Map<String, AttributeValue>>, PCollection<Map<String, AttributeValue>>> {
  private final TargetScope scope;
  private final @Nullable PCollectionView<Map<String, Iterable<String>>> eventDates;

  private ScopeItems(
      TargetScope scope, @Nullable PCollectionView<Map<String, Iterable<String>>> eventDates) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.eventDates = eventDates;
  }

  /**
   * Scopes items to {@code scope}.
   *
   * @param eventDates the source's event start dates ({@link EventDates}); required when the scope
   *     is a slice by event date
   */
  public static ScopeItems of(
      TargetScope scope, @Nullable PCollectionView<Map<String, Iterable<String>>> eventDates) {
    if (scope.needsEventDates() && eventDates == null) {
      throw new IllegalArgumentException("a scope by event date needs the event dates");
    }
    return new ScopeItems(scope, eventDates);
  }

  @Override
  public PCollection<Map<String, AttributeValue>> expand(
      PCollection<Map<String, AttributeValue>> items) {
    ParDo.SingleOutput<Map<String, AttributeValue>, Map<String, AttributeValue>> filter =
        ParDo.of(new InScopeFn(scope, scope.needsEventDates() ? eventDates : null));
    if (scope.needsEventDates()) {
      filter = filter.withSideInputs(eventDates);
    }
    return items.apply("InScope", filter).setCoder(ItemCoder.of());
  }

  static final class InScopeFn
      extends DoFn<Map<String, AttributeValue>, Map<String, AttributeValue>> {
    private final TargetScope scope;
    private final @Nullable PCollectionView<Map<String, Iterable<String>>> eventDates;

    InScopeFn(
        TargetScope scope, @Nullable PCollectionView<Map<String, Iterable<String>>> eventDates) {
      this.scope = scope;
      this.eventDates = eventDates;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      Map<String, Iterable<String>> dates =
          eventDates == null ? Map.of() : context.sideInput(eventDates);
      if (scope.contains(context.element(), id -> onlyDate(dates.get(id)))) {
        context.output(context.element());
      }
    }

    /** An event id that two source rows give different dates has no known date. */
    private static @Nullable String onlyDate(@Nullable Iterable<String> dates) {
      if (dates == null) {
        return null;
      }
      Set<String> distinct = new HashSet<>();
      dates.forEach(distinct::add);
      return distinct.size() == 1 ? distinct.iterator().next() : null;
    }
  }
}
