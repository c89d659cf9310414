package dev.ticketmigration.pipelines;

import dev.ticketmigration.localdynamodb.LocalDynamoException;
import dev.ticketmigration.testdata.GenerateData;
import dev.ticketmigration.transforms.Progress;
import dev.ticketmigration.transforms.WriteDeadLetters;
import dev.ticketmigration.transforms.reading.IdRanges;
import dev.ticketmigration.transforms.writing.InstrumentedClientBuilderFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;

/**
 * Entry point. Every run: parse and check the options (all of them, before any I/O), prepare the
 * embedded demo if asked, resolve the run's settings against the source and the target, build the
 * mode's graph ({@link ModeGraph}), run it on the runner the options name with progress lines,
 * print the summary, and leave a run report that is true however the run ends. {@code
 * --mode=CUT_OVER} only marks the target tables (see {@link CutOver}).
 *
 * <p>Exit codes: 0 done (verify: source and target agree); 1 the pipeline failed; 2 a problem with
 * the options or the services (one line on stderr names it and the fix); 3 verify found
 * differences; 4 more rows were rejected than --maxRejectedRows allows.
 */
public final class Migrate {
  private Migrate() {}

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NOT_VERIFIED = 3;
  public static final int TOO_MANY_REJECTED = 4;

  /** The first argument that runs the data generator instead of a migration. */
  public static final String GENERATE = "generate";

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals(GENERATE)) {
      // fills a source database with generated DMS_SAMPLE data: no pipeline, no report
      return GenerateData.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      out.println(
          "usage: java -jar BUNDLE.jar [--option=value ...]   migrate, verify, plan, read or cut"
              + " over (--mode)");
      out.println(
          "       java -jar BUNDLE.jar generate --url=JDBC_URL --tickets=N [--create] [--drop]"
              + "   fill a source database with generated data (generate --help)");
      out.println();
      PipelineOptionsFactory.printHelp(out, MigrationOptions.class);
      return OK;
    }
    // every run leaves a true record, also one that stops at its first option
    RunReport report = RunReport.start(args);
    int exit;
    try {
      exit = runChecked(args, out, err, report);
    } catch (MigrationException | LocalDynamoException e) {
      exit = report.fail(USAGE, e.getMessage(), err);
    } catch (RuntimeException e) {
      // PipelineExecutionException on Direct, a plain RuntimeException on Flink: same message
      exit = report.fail(FAILED, "the run failed: " + RunFailures.explain(e), err);
    }
    try {
      report.write(exit, out);
    } catch (MigrationException e) {
      err.println("error: " + e.getMessage());
      return exit == OK ? USAGE : exit;
    }
    return exit;
  }

  /** The flow every run shares; the mode adds its graph and its outcome ({@link ModeGraph}). */
  private static int runChecked(String[] args, PrintStream out, PrintStream err, RunReport report) {
    MigrationOptions options = parse(args);
    RunId.assign(options);
    report.options(options);
    // every check that needs only the options, before any I/O
    OptionChecks.check(options);
    OutputFiles outputs = OutputFiles.check(options, args);
    if (options.getMode() == MigrationOptions.Mode.CUT_OVER) {
      // tags the target only: no source is read and no pipeline is built
      CutOver.mark(RunSettingsResolver.target(options), options.getJobName(), out);
      report.state(PipelineResult.State.DONE);
      return OK;
    }
    ModeGraph mode = ModeGraph.of(options.getMode());
    try (LocalEnvironment local = LocalEnvironment.prepare(options, out)) {
      RunSettings settings = RunSettingsResolver.resolve(options, out);
      outputs.create();
      InstrumentedClientBuilderFactory.install(options.as(AwsOptions.class));
      out.println(
          mode.verb()
              + " "
              + Secrets.redactUrl(options.getSourceUrl())
              + (options.getMode() == MigrationOptions.Mode.READ
                  ? ""
                  : " -> " + settings.target().describe())
              + " on "
              + options.getRunner().getSimpleName()
              + " (run "
              + settings.runId()
              + ")");
      Pipeline pipeline = Pipeline.create(options);
      mode.build(pipeline, settings);

      long start = System.nanoTime();
      Progress.start(settings.progress(), out::println);
      PipelineResult result;
      PipelineResult.State state;
      report.state(PipelineResult.State.RUNNING);
      try {
        result = pipeline.run();
        state = result.waitUntilFinish();
      } catch (RuntimeException e) {
        report.state(PipelineResult.State.FAILED);
        throw e;
      } finally {
        Progress.stop();
        outputs.restrict();
      }
      report.state(state);
      MigrationSummary summary =
          MigrationSummary.of(result, Duration.ofNanos(System.nanoTime() - start));
      summary.print(
          out,
          settings.deadLetterDir()
              + " as "
              + WriteDeadLetters.filePrefix(settings.runId())
              + "-*.jsonl");
      report.summary(summary);
      if (state != PipelineResult.State.DONE) {
        return report.fail(FAILED, "the run ended in state " + state, err);
      }
      return mode.finish(
          new ModeGraph.Finished(options, settings, result, summary, report, out, err));
    }
  }

  /** A migration's outcome: exit 4 when more rows were rejected than --maxRejectedRows allows. */
  static int rejectedRowsExit(ModeGraph.Finished run) {
    long allowed = run.options().getMaxRejectedRows();
    long rejected = run.summary().totalRejected();
    if (allowed >= 0 && rejected > allowed) {
      return run.report()
          .fail(
              TOO_MANY_REJECTED,
              String.format(
                  "%,d rows were rejected (dead letters in %s), more than --maxRejectedRows=%d",
                  rejected, run.settings().deadLetterDir(), allowed),
              run.err());
    }
    return OK;
  }

  /** The options of a command line; a name given twice or an unknown option is one line. */
  private static MigrationOptions parse(String[] args) {
    String repeated = repeatedOption(args);
    if (repeated != null) {
      throw new MigrationException(repeated + " is given more than once: keep one");
    }
    try {
      PipelineOptionsFactory.register(MigrationOptions.class);
      return PipelineOptionsFactory.fromArgs(RunnerDefaults.apply(args))
          .withValidation()
          .as(MigrationOptions.class);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(SourceInspector.firstLine(e.getMessage()) + " (see --help)");
    }
  }

  /**
   * The inclusive ranges a run reads the ticket ids {@code [min, max]} in: {@code --readPartitions}
   * of them, or for 0 (automatic) one per 50,000 ids, 4 to 1000. Public for tools that must cut the
   * id space as the migration does (the benchmark's JDBC scan).
   */
  public static List<KV<Long, Long>> idRanges(long min, long max, int readPartitions) {
    int n = readPartitions > 0 ? readPartitions : RunSettingsResolver.autoPartitions(min, max);
    return IdRanges.split(min, max, n);
  }

  /** The first option named twice (Beam's own message would not name it), or null. */
  static String repeatedOption(String[] args) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (!seen.add(name)) {
          return name;
        }
      }
    }
    return null;
  }
}
