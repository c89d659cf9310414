package dev.ticketmigration.transforms.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class IdRangesTest {

  @Test
  void rangesAreContiguousAndCoverTheInterval() {
    List<KV<Long, Long>> ranges = IdRanges.split(1, 10, 3);
    assertEquals(List.of(KV.of(1L, 4L), KV.of(5L, 7L), KV.of(8L, 10L)), ranges);
    assertEquals(List.of(KV.of(5L, 5L)), IdRanges.split(5, 5, 10));
  }

  @Test
  void extremesOfBigintDoNotOverflow() {
    List<KV<Long, Long>> ranges = IdRanges.split(Long.MIN_VALUE, Long.MAX_VALUE, 4);
    assertEquals(Long.MIN_VALUE, ranges.get(0).getKey());
    assertEquals(Long.MAX_VALUE, ranges.get(3).getValue());
    for (int i = 1; i < ranges.size(); i++) {
      assertEquals(ranges.get(i - 1).getValue() + 1, ranges.get(i).getKey());
    }
  }

  @Test
  void invertedIntervalIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> IdRanges.split(10, 1, 2));
  }
}
