package dev.ticketmigration.accesspatterns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order every answer comes in: the index's sort key in DynamoDB's order, ties (items sharing a
 * sort key, whose order DynamoDB leaves open) broken by a stated rule. DynamoDB answers keep the
 * order the Query returned and only reorder within ties, so a wrong order is never hidden; SQL
 * answers are sorted by the same sort key built from the row.
 */
final class IndexOrder {
  private IndexOrder() {}

  /** Maps Query results (already in index order) and orders each run of equal sort keys. */
  static <T> List<T> fromQuery(
      List<Map<String, AttributeValue>> items,
      String sortKeyAttribute,
      Function<Map<String, AttributeValue>, T> mapper,
      Comparator<T> tieBreak) {
    List<T> answer = new ArrayList<>(items.size());
    int runStart = 0;
    String runKey = null;
    for (Map<String, AttributeValue> item : items) {
      String key = ItemValues.text(item, sortKeyAttribute);
      if (!Objects.equals(key, runKey)) {
        answer.subList(runStart, answer.size()).sort(tieBreak);
        runStart = answer.size();
        runKey = key;
      }
      answer.add(mapper.apply(item));
    }
    answer.subList(runStart, answer.size()).sort(tieBreak);
    return List.copyOf(answer);
  }

  /** Sorts rows computed elsewhere (SQL) as the index would: by sort key, then the tie-break. */
  static <T> List<T> sorted(List<T> rows, Function<T, String> sortKey, Comparator<T> tieBreak) {
    List<T> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(sortKey, Utf8Order.COMPARATOR).thenComparing(tieBreak));
    return List.copyOf(copy);
  }

  /** Compares decimal texts by value, for tie-breaks on ids. */
  static int byNumber(String a, String b) {
    return new BigDecimal(a).compareTo(new BigDecimal(b));
  }
}
