package dev.ticketmigration.transforms.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * The most frequent values with their counts, in bounded memory (the Space-Saving algorithm):
 * counts are exact while the distinct values fit the capacity, and the true heavy hitters are
 * always kept beyond it. One combine per key space instead of a count per distinct key keeps this
 * cheap on every runner.
 */
public final class HeavyHitters
    extends Combine.CombineFn<String, HeavyHitters.Counts, List<KV<String, Long>>> {
  private final int top;
  private final int capacity;

  private HeavyHitters(int top, int capacity) {
    this.top = top;
    this.capacity = capacity;
  }

  /** The {@code top} most frequent values, tracking at most {@code capacity} candidates. */
  public static HeavyHitters of(int top, int capacity) {
    if (top < 1 || capacity < top) {
      throw new IllegalArgumentException("need 1 <= top <= capacity");
    }
    return new HeavyHitters(top, capacity);
  }

  /** Candidate counts. */
  public static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    final HashMap<String, Long> counts = new HashMap<>();

    void add(String value, long n, int capacity) {
      Long current = counts.get(value);
      if (current != null || counts.size() < capacity) {
        counts.merge(value, n, Long::sum);
        return;
      }
      // full: the new value replaces the least frequent one and inherits its count
      Map.Entry<String, Long> min =
          counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
      counts.remove(min.getKey());
      counts.put(value, min.getValue() + n);
    }
  }

  @Override
  public Counts createAccumulator() {
    return new Counts();
  }

  @Override
  public Counts addInput(Counts acc, String value) {
    acc.add(value, 1, capacity);
    return acc;
  }

  @Override
  public Counts mergeAccumulators(Iterable<Counts> accumulators) {
    Counts merged = new Counts();
    for (Counts acc : accumulators) {
      acc.counts.forEach((k, v) -> merged.counts.merge(k, v, Long::sum));
    }
    if (merged.counts.size() > capacity) {
      List<Map.Entry<String, Long>> keep = new ArrayList<>(merged.counts.entrySet());
      keep.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      HashMap<String, Long> trimmed = new HashMap<>();
      keep.subList(0, capacity).forEach(e -> trimmed.put(e.getKey(), e.getValue()));
      merged.counts.clear();
      merged.counts.putAll(trimmed);
    }
    return merged;
  }

  @Override
  public List<KV<String, Long>> extractOutput(Counts acc) {
    List<KV<String, Long>> out = new ArrayList<>();
    acc.counts.forEach((k, v) -> out.add(KV.of(k, v)));
    out.sort(
        Comparator.comparing((KV<String, Long> kv) -> kv.getValue())
            .reversed()
            .thenComparing(KV::getKey));
    return new ArrayList<>(out.subList(0, Math.min(top, out.size())));
  }

  @Override
  public Coder<Counts> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
    return SerializableCoder.of(Counts.class);
  }
}
