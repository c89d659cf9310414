package dev.ticketmigration.testdata;

/** The small data sets the tests load: a few thousand tickets, seconds per database. */
final class TestData {
  private TestData() {}

  static DataGenerator small(long seed) {
    return DataGenerator.builder()
        .seed(seed)
        .events(6)
        .seatsPerVenue(300)
        .venues(3)
        .persons(200)
        .batchSize(500)
        .build();
  }
}
