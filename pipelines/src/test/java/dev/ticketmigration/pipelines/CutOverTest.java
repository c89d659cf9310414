package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * Which runs the cut-over mark stops: exactly those that write items into the tables. The runs
 * themselves, against dynalite, are tested in the access-patterns module (after a purchase) and in
 * {@link FaultToleranceTest} (the calls they make).
 */
class CutOverTest {

  private static boolean writes(String... args) {
    return CutOver.writesItems(PipelineOptionsFactory.fromArgs(args).as(MigrationOptions.class));
  }

  @Test
  void onlyRunsThatWriteItemsAreChecked() {
    assertTrue(writes());
    assertTrue(writes("--mode=MIGRATE", "--sink=DYNAMODB"));
    assertTrue(writes("--mode=VERIFY", "--repair=true"));
    assertFalse(writes("--mode=MIGRATE", "--sink=IMPORT_FILES"));
    assertFalse(writes("--mode=VERIFY"));
    assertFalse(writes("--mode=PLAN"));
    assertFalse(writes("--mode=READ"));
    assertFalse(writes("--mode=CUT_OVER"));
  }

  @Test
  void tagValuesKeepToTheCharactersDynamoDbAllows() {
    assertEquals("migrate-alice-0501-1a2b", CutOver.tagValue("migrate-alice-0501-1a2b"));
    assertEquals("o_brien@host.example", CutOver.tagValue("o'brien@host.example"));
    assertEquals("unknown", CutOver.tagValue(null));
    assertEquals(256, CutOver.tagValue("x".repeat(300)).length());
  }
}
