package dev.ticketmigration.pipelines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the real entry point, {@link Migrate#run}, with what it printed. */
record Run(int exit, String stdout, String stderr) {

  /** Runs the entry point with these arguments. */
  static Run of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Migrate.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A DirectRunner run from {@code source} into the DynamoDB at {@code endpoint}. */
  /**
   * The command line of {@link Migrate} on the DirectRunner in a child JVM with this JVM's class
   * path and the given JVM flags; the caller adds the migration's options.
   */
  static List<String> childCommand(String... jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmFlags));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Migrate.class.getName(),
            "--runner=DirectRunner"));
    return command;
  }

  static Run migrate(
      TestSource source, String endpoint, String prefix, Path outDir, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + source.url(),
                "--sourceUser=" + source.user(),
                "--sourcePasswordEnv=NO_SUCH_VARIABLE_IS_SET",
                "--sourceSchema=" + (source.schema() == null ? "" : source.schema()),
                "--dynamoEndpoint=" + endpoint,
                "--dynamoLocal=true",
                "--tablePrefix=" + prefix,
                "--deadLetterDir=" + outDir.resolve("dead-letters"),
                "--verifyOutputDir=" + outDir.resolve("verify")));
    for (String option : extra) {
      // an extra option replaces the default of the same name
      String name = option.contains("=") ? option.substring(0, option.indexOf('=') + 1) : option;
      args.removeIf(a -> a.startsWith(name));
      args.add(option);
    }
    return of(args.toArray(new String[0]));
  }

  String output() {
    return stdout + stderr;
  }
}
