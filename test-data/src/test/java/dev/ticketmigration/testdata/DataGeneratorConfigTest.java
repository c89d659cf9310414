package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataGeneratorConfigTest {

  @ParameterizedTest
  @ValueSource(longs = {10_000, 100_000, 1_000_000, 5_000_000, 100_000_000})
  void forTicketsComesCloseToTheTarget(long target) {
    DataGenerator generator = DataGenerator.forTickets(target, 42);
    double ratio = (double) generator.ticketCount() / target;
    assertTrue(ratio > 0.8 && ratio < 1.2, generator + " for " + target);
    assertEquals(generator.ticketCount(), DataGenerator.forTickets(target, 42).ticketCount());
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of((UnaryOperator<DataGenerator.Builder>) b -> b.events(0), "events"),
        Arguments.of(
            (UnaryOperator<DataGenerator.Builder>) b -> b.seatsPerVenue(9), "seatsPerVenue"),
        Arguments.of(
            (UnaryOperator<DataGenerator.Builder>) b -> b.seatsPerVenue(200_001), "seatsPerVenue"),
        Arguments.of((UnaryOperator<DataGenerator.Builder>) b -> b.venues(63), "venues"),
        Arguments.of((UnaryOperator<DataGenerator.Builder>) b -> b.persons(9), "persons"),
        Arguments.of((UnaryOperator<DataGenerator.Builder>) b -> b.soldShare(1.5), "soldShare"),
        Arguments.of(
            (UnaryOperator<DataGenerator.Builder>) b -> b.transferShare(Double.NaN),
            "transferShare"),
        Arguments.of((UnaryOperator<DataGenerator.Builder>) b -> b.batchSize(0), "batchSize"),
        Arguments.of(
            (UnaryOperator<DataGenerator.Builder>) b -> b.firstTicketId(0), "firstTicketId"),
        Arguments.of(
            (UnaryOperator<DataGenerator.Builder>) b -> b.firstTicketId(Long.MAX_VALUE),
            "firstTicketId"));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void buildNamesTheSettingToFix(UnaryOperator<DataGenerator.Builder> change, String setting) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> change.apply(DataGenerator.builder()).build());
    assertTrue(e.getMessage().startsWith(setting), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 99})
  void forTicketsRejectsTinyTargets(long target) {
    assertThrows(IllegalArgumentException.class, () -> DataGenerator.forTickets(target, 1));
  }
}
