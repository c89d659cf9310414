package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {

  @Test
  void flinkGetsFasterCopyUnlessTheUserSetsIt() {
    assertArrayEquals(
        new String[] {"--runner=FlinkRunner", "--parallelism=2", "--fasterCopy=true"},
        RunnerDefaults.apply(new String[] {"--runner=FlinkRunner", "--parallelism=2"}));
    assertArrayEquals(
        new String[] {"--runner=org.apache.beam.runners.flink.FlinkRunner", "--fasterCopy=true"},
        RunnerDefaults.apply(new String[] {"--runner=org.apache.beam.runners.flink.FlinkRunner"}));
    assertArrayEquals(
        new String[] {"--runner=FlinkRunner", "--fasterCopy=false"},
        RunnerDefaults.apply(new String[] {"--runner=FlinkRunner", "--fasterCopy=false"}));
  }

  @Test
  void directSkipsItsElementChecksWhetherNamedOrTheDefault() {
    assertArrayEquals(
        new String[] {
          "--runner=DirectRunner", "--enforceImmutability=false", "--enforceEncodability=false"
        },
        RunnerDefaults.apply(new String[] {"--runner=DirectRunner"}));
    // the DirectRunner is on this module's test class path, so it is the default runner
    assertArrayEquals(
        new String[] {
          "--sourceUrl=jdbc:h2:mem:x", "--enforceEncodability=true", "--enforceImmutability=false"
        },
        RunnerDefaults.apply(
            new String[] {"--sourceUrl=jdbc:h2:mem:x", "--enforceEncodability=true"}));
  }

  @Test
  void sparkSpillsCachedDataInsteadOfRecomputingIt() {
    assertArrayEquals(
        new String[] {"--runner=SparkRunner", "--storageLevel=DISK_ONLY"},
        RunnerDefaults.apply(new String[] {"--runner=SparkRunner"}));
  }

  @Test
  void unknownRunnersAreLeftAlone() {
    String[] other = {"--runner=PrismRunner", "--sourceUrl=jdbc:h2:mem:x"};
    assertArrayEquals(other, RunnerDefaults.apply(other));
  }
}
