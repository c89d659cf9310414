package dev.ticketmigration.pipelines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The source password, read from a file or an environment variable, and kept out of text. */
final class Secrets {
  private Secrets() {}

  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)((?:password|pwd|passwd)\\s*=)[^;&]*");

  /** The password from --sourcePasswordFile, else from the variable --sourcePasswordEnv names. */
  static @Nullable String sourcePassword(MigrationOptions options) {
    String file = options.getSourcePasswordFile();
    if (file != null && !file.isBlank()) {
      try {
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0);
      } catch (IOException e) {
        throw new MigrationException(
            "cannot read the password file " + file + " (" + e.getMessage()
                + "): fix --sourcePasswordFile");
      }
    }
    String variable = options.getSourcePasswordEnv();
    return variable == null || variable.isBlank() ? null : System.getenv(variable);
  }

  /** The URL with any inline password replaced by ***, for messages and reports. */
  static String redactUrl(@Nullable String url) {
    return url == null ? null : URL_SECRET.matcher(url).replaceAll("$1***");
  }
}
