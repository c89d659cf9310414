package dev.ticketmigration.pipelines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runner options this tool turns on unless the user sets them, measured in the benchmarks
 * (docs/benchmarks.md). Added as arguments so the pipelines module needs no runner on its class
 * path: the options only exist in the bundle that carries the runner.
 *
 * <ul>
 *   <li>Flink {@code --fasterCopy=true}: Flink otherwise deep-copies (encodes and decodes) every
 *       element passed between chained operators; Beam forbids mutating elements, so the copy only
 *       costs CPU, which the sink needs on a small machine. Flink's runner logs a warning asking
 *       for it.
 *   <li>Direct {@code --enforceImmutability=false --enforceEncodability=false}: these checks encode
 *       every element once more to catch DoFns that mutate their input or emit values their coder
 *       cannot round-trip; this tool's DoFns are tested with them on ({@code TestPipeline}), and
 *       off they cut a 100k-ticket run from 170 s to 105 s.
 *   <li>Spark {@code --storageLevel=DISK_ONLY}: Spark keeps the output of a multi-output step (rows
 *       keyed by ticket id, with their dead letters) for its consumers. With the default
 *       MEMORY_ONLY a partition that does not fit is dropped and recomputed, which re-ran the
 *       source queries (1 M tickets: every row read twice); MEMORY_AND_DISK first unrolls the
 *       partition on the heap and ran out of a 1 GiB heap. On disk it costs one sequential write
 *       and read, like a shuffle.
 * </ul>
 */
final class RunnerDefaults {
  private RunnerDefaults() {}

  private static final Map<String, List<String>> DEFAULTS =
      Map.of(
          "FlinkRunner", List.of("--fasterCopy=true"),
          "SparkRunner", List.of("--storageLevel=DISK_ONLY"),
          "DirectRunner", List.of("--enforceImmutability=false", "--enforceEncodability=false"));

  /** Beam's default runner when {@code --runner} is not given and it is on the class path. */
  private static final String DIRECT_RUNNER = "org.apache.beam.runners.direct.DirectRunner";

  /** {@code args} plus each default of the chosen runner the user did not set. */
  static String[] apply(String[] args) {
    String runner = runner(args);
    if (runner.isEmpty() && onClassPath(DIRECT_RUNNER)) {
      runner = "DirectRunner";
    }
    List<String> defaults = DEFAULTS.getOrDefault(runner, List.of());
    List<String> out = new ArrayList<>(Arrays.asList(args));
    for (String option : defaults) {
      String name = option.substring(0, option.indexOf('='));
      if (Arrays.stream(args).noneMatch(a -> a.equals(name) || a.startsWith(name + "="))) {
        out.add(option);
      }
    }
    return out.toArray(new String[0]);
  }

  private static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, RunnerDefaults.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The simple name of the runner in {@code --runner=...}, or "" when none is given. */
  static String runner(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--runner=")) {
        String value = arg.substring("--runner=".length());
        return value.substring(value.lastIndexOf('.') + 1);
      }
    }
    return "";
  }
}
