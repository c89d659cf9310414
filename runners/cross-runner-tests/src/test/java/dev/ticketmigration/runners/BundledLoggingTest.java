package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.runners.Migration.Bundle;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each bundle's own logging configuration (slf4j-simple for Direct, log4j 2 for Flink and Spark),
 * loaded from the jar as {@code java -jar} loads it, turns off the logger Beam's DynamoDBIO logs
 * whole items with and keeps the migration's own at INFO. Quick, where {@link
 * NoPersonDataInLogsTest} takes minutes and covers the direct bundle only.
 */
class BundledLoggingTest {
  /** The logger of DynamoDBIO's writer: a nested class, so '$' and not '.' before its name. */
  private static final String WRITE_FN =
      "org.apache.beam.sdk.io.aws2.dynamodb.DynamoDBIO$Write$WriteFn";

  private static final String MIGRATION = "dev.ticketmigration.pipelines.Migrate";

  @ParameterizedTest
  @EnumSource(Bundle.class)
  void dynamoDbIoWriterLogsNothing(Bundle bundle, @TempDir Path work) throws Exception {
    Path logs = Path.of(System.getProperty("runner.logs", "target/runner-logs"), "logging");
    Path testClasses =
        Path.of(LoggerLevels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classpath = bundle.jar() + File.pathSeparator + testClasses;
    try (ChildJvm child =
        Migration.child("levels-" + bundle.name().toLowerCase(Locale.ROOT), work)
            .mainClass(classpath, LoggerLevels.class.getName(), WRITE_FN, MIGRATION)
            .start(logs)) {
      assertEquals(0, child.await(Duration.ofMinutes(1)), child.output());
      String out = child.output();
      assertTrue(out.contains(WRITE_FN + " error=false"), out);
      assertTrue(out.contains(MIGRATION + " error=true info=true"), out);
    }
  }

  /** Run in the child JVM: whether each named logger logs ERROR and INFO. */
  public static final class LoggerLevels {
    private LoggerLevels() {}

    public static void main(String[] names) {
      for (String name : names) {
        Logger log = LoggerFactory.getLogger(name);
        System.out.println(
            name + " error=" + log.isErrorEnabled() + " info=" + log.isInfoEnabled());
      }
    }
  }
}
