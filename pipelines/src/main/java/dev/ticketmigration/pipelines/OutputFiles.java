package dev.ticketmigration.pipelines;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folders a run writes source rows into (dead letters, verify findings, import files). A
 * relative folder on a runner whose workers are other machines would scatter the files over their
 * working folders, so it is refused there. Local folders are created readable by their owner only,
 * and the files in them are made so after the run: dead letters and findings hold personal data.
 */
final class OutputFiles {
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** Local folders by the option that names them. */
  private final Map<String, Path> local;

  private OutputFiles(Map<String, Path> local) {
    this.local = local;
  }

  /** Checks the output options against the runner; creates nothing yet. */
  static OutputFiles check(MigrationOptions options, String[] args) {
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put("--deadLetterDir", options.getDeadLetterDir());
    if (options.getMode() == MigrationOptions.Mode.VERIFY) {
      folders.put("--verifyOutputDir", options.getVerifyOutputDir());
    }
    if (options.getMode() == MigrationOptions.Mode.MIGRATE
        && options.getSink() == MigrationOptions.Sink.IMPORT_FILES) {
      folders.put("--exportDir", options.getExportDir());
    }
    boolean workersElsewhere = !runsInThisProcess(args);
    Map<String, Path> local = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : folders.entrySet()) {
      String value = f.getValue();
      if (value == null || value.isBlank()) {
        throw new MigrationException(f.getKey() + " is empty: name a folder");
      }
      boolean hasScheme = value.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
      if (hasScheme && !value.startsWith("file://")) {
        continue; // s3://, gs://, hdfs://: the file system's own access rules apply
      }
      Path path = Path.of(hasScheme ? value.substring("file://".length()) : value);
      if (workersElsewhere && !path.isAbsolute()) {
        throw new MigrationException(
            f.getKey()
                + " '"
                + value
                + "' is relative, but this runner's workers run on other"
                + " machines, each in its own working folder: give an absolute path on a shared"
                + " file system, or an s3:// (or other Beam file system) path");
      }
      local.put(f.getKey(), path);
    }
    return new OutputFiles(local);
  }

  /**
   * Whether the pipeline's workers run in this JVM (DirectRunner, Flink's embedded cluster, Spark
   * local[...]); false for a cluster master or any other runner.
   */
  static boolean runsInThisProcess(String[] args) {
    String runner = RunnerDefaults.runner(args);
    String flinkMaster = option(args, "flinkMaster");
    String sparkMaster = option(args, "sparkMaster");
    switch (runner) {
      case "":
      case "DirectRunner":
        return true;
      case "FlinkRunner":
        return flinkMaster == null
            || List.of("[local]", "[auto]", "[collection]").contains(flinkMaster);
      case "SparkRunner":
        return sparkMaster == null || sparkMaster.startsWith("local");
      default:
        return false;
    }
  }

  private static String option(String[] args, String name) {
    String prefix = "--" + name + "=";
    String value = null;
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        value = arg.substring(prefix.length());
      }
    }
    return value;
  }

  /** Creates the local folders, readable by their owner only. */
  void create() {
    if (!posix()) {
      return;
    }
    for (Map.Entry<String, Path> f : local.entrySet()) {
      try {
        Path dir = Files.createDirectories(f.getValue());
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      } catch (IOException | UnsupportedOperationException e) {
        throw new MigrationException(
            "cannot create " + f.getValue() + ": " + e.getMessage() + " (fix " + f.getKey() + ")");
      }
    }
  }

  /** Makes every file under the local folders readable by its owner only (best effort). */
  void restrict() {
    if (!posix()) {
      return;
    }
    for (Path dir : local.values()) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.forEach(files::add);
      } catch (IOException e) {
        continue;
      }
      for (Path p : files) {
        try {
          Files.setPosixFilePermissions(p, Files.isDirectory(p) ? OWNER_DIR : OWNER_FILE);
        } catch (IOException | UnsupportedOperationException e) {
          // another user's file, or one removed meanwhile: nothing of ours to protect
        }
      }
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
