package dev.ticketmigration.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Loads about 1 M tickets into the local PostgreSQL and prints the rate. Only on request: {@code
 * mvn -pl test-data test -Dtest=GeneratorBenchmarkTest -Dbench.generator=true} ({@code
 * -Dbench.tickets=N} for another size, {@code -Dbench.batchSize=N} for another batch, {@code
 * -Dbench.dialect=MARIADB} for the local MariaDB).
 */
@EnabledIfSystemProperty(named = "bench.generator", matches = "true")
class GeneratorBenchmarkTest {

  @Test
  void loadIntoLocalServer() throws SQLException {
    DataGenerator generator =
        DataGenerator.forTickets(Long.getLong("bench.tickets", 1_000_000), 42).toBuilder()
            .batchSize(
                Integer.getInteger("bench.batchSize", DataGenerator.builder().build().batchSize()))
            .build();
    System.out.println(generator);
    Dialect dialect = Dialect.valueOf(System.getProperty("bench.dialect", "POSTGRESQL"));
    try (ScratchDatabase db = ScratchDatabase.open(dialect)) {
      SourceSchema.create(db.connection, db.dialect, db.schema);
      GenerationResult result = generator.generate(db.connection, db.dialect, db.schema);
      System.out.print(result.summary());
      assertEquals(generator.ticketCount(), result.tickets());
    }
  }
}
