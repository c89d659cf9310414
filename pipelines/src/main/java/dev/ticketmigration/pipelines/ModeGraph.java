package dev.ticketmigration.pipelines;

import java.io.PrintStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * What a run's mode adds to the flow every run shares: its graph, and how its finished pipeline
 * becomes an exit code. {@link #of} is the one place a mode is chosen.
 */
interface ModeGraph {

  /** "Migrating", "Verifying", ...: the first word of the run's first line. */
  String verb();

  /** Adds the mode's steps to {@code pipeline}. */
  void build(Pipeline pipeline, RunSettings settings);

  /** The exit code of a pipeline that finished DONE; may print the mode's own report. */
  int finish(Finished run);

  /** A pipeline that finished DONE, with what the mode's report needs. */
  record Finished(
      MigrationOptions options,
      RunSettings settings,
      PipelineResult result,
      MigrationSummary summary,
      RunReport report,
      PrintStream out,
      PrintStream err) {}

  static ModeGraph of(MigrationOptions.Mode mode) {
    return switch (mode) {
      case MIGRATE -> new Simple("Migrating", MigrationPipeline::build, Migrate::rejectedRowsExit);
      case VERIFY -> new Simple("Verifying", VerifyPipeline::build, VerifyReport::finish);
      case PLAN -> new Simple("Planning", PlanPipeline::build, PlanReport::finish);
      case READ -> new Simple("Reading", ReadPipeline::build, ReadPipeline::finish);
      case SYNC -> new Simple("Syncing", SyncPipeline::build, SyncPipeline::finish);
      case CUT_OVER -> throw new IllegalArgumentException("CUT_OVER builds no pipeline");
    };
  }

  /** A mode as its three parts. */
  record Simple(String verb, Builder builder, Outcome outcome) implements ModeGraph {
    @Override
    public void build(Pipeline pipeline, RunSettings settings) {
      builder.build(pipeline, settings);
    }

    @Override
    public int finish(Finished run) {
      return outcome.exitCode(run);
    }
  }

  /** A graph builder: {@code MigrationPipeline::build} and its siblings. */
  interface Builder {
    void build(Pipeline pipeline, RunSettings settings);
  }

  /** How a mode's finished run becomes an exit code. */
  interface Outcome {
    int exitCode(Finished run);
  }
}
