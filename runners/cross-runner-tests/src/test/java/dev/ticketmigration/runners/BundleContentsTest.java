package dev.ticketmigration.runners;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.runners.Migration.Bundle;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled jars carry production code only: no class of the fault proxy (a test fixture, used
 * with scope test) and no test class of the project.
 */
class BundleContentsTest {
  private static final Pattern TEST_CODE =
      Pattern.compile("dev/ticketmigration/(faultproxy/.*|.*/FaultProxy|.*Test(\\$.*)?)\\.class");

  @Test
  void bundlesHoldNoTestFixtureAndNoTests() throws IOException {
    for (Bundle bundle : Bundle.values()) {
      try (JarFile jar = new JarFile(bundle.jar().toFile())) {
        // what the demo needs at run time is there: the check reads a real bundle
        assertNotNull(jar.getEntry("dev/ticketmigration/pipelines/Migrate.class"), bundle.name());
        assertNotNull(
            jar.getEntry("dev/ticketmigration/localdynamodb/Dynalite.class"), bundle.name());
        List<String> strays =
            jar.stream()
                .map(JarEntry::getName)
                .filter(name -> TEST_CODE.matcher(name).matches())
                .collect(Collectors.toList());
        assertTrue(
            strays.isEmpty(),
            bundle
                + " bundle carries test code: "
                + strays.subList(0, Math.min(10, strays.size())));
      }
    }
  }
}
