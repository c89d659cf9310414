package dev.ticketmigration.runners.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * spark-java17-options.txt is the one home of Spark's Java 17 options: it equals what Spark's own
 * launcher adds, and the pom's Add-Opens manifest entry (the build's copy) holds its packages.
 */
class SparkJava17OptionsTest {
  private static final String ADD_OPENS = "--add-opens=";

  @Test
  void areSparksOwnModuleOptions() throws IOException {
    assertEquals(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")), options());
  }

  @Test
  void manifestEntryOpensTheSamePackages() throws IOException {
    List<String> packages =
        options().stream()
            .filter(o -> o.startsWith(ADD_OPENS))
            .map(o -> o.substring(ADD_OPENS.length(), o.length() - "=ALL-UNNAMED".length()))
            .toList();
    // the pom passes its spark.add-opens property through the surefire configuration
    String manifestEntry = System.getProperty("spark.add-opens");
    assertEquals(packages, Arrays.asList(manifestEntry.trim().split("\\s+")));
  }

  private static List<String> options() throws IOException {
    try (InputStream in =
        SparkJava17OptionsTest.class.getResourceAsStream("/spark-java17-options.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    }
  }
}
