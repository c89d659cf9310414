package dev.ticketmigration.transforms.items;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceRowCoder;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;

/** Source rows as a pipeline input, for the item-building tests. */
final class SourceRows {
  private SourceRows() {}

  /** {@code rows} created in {@code pipeline} by the step {@code name}. */
  static PCollection<SourceRow> create(Pipeline pipeline, String name, SourceRow... rows) {
    return pipeline.apply(name, Create.of(List.of(rows)).withCoder(SourceRowCoder.of()));
  }
}
