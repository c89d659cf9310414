package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.testdata.SourceSchema;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import java.sql.Connection;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.junit.jupiter.api.Test;

class SourceInspectorTest {

  /** NOT NULL id columns need no NULL-id query; nullable or unknown ones get it. */
  @Test
  void knowsWhichIdColumnsMayHoldNull() throws Exception {
    try (TestSource source = TestSource.create(TestSource.Kind.H2)) {
      try (Connection c = source.connect()) {
        SourceSchema.create(c, source.dialect(), null);
      }
      source.exec("CREATE TABLE loose_ticket (id BIGINT, price DECIMAL(8, 2))");
      SourceDatabase db =
          SourceDatabase.of(JdbcIO.DataSourceConfiguration.create("org.h2.Driver", source.url()));
      try (SourceInspector inspector =
          SourceInspector.open(source.url(), source.user(), null, db)) {
        assertFalse(inspector.mayHoldNull("sporting_event_ticket", "id"));
        assertFalse(inspector.mayHoldNull("ticket_purchase_hist", "sporting_event_ticket_id"));
        assertTrue(inspector.mayHoldNull("loose_ticket", "id"));
        assertTrue(inspector.mayHoldNull("no_such_table", "id"));
      }
    }
  }
}
