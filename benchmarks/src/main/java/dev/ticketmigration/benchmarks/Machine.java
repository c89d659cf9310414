package dev.ticketmigration.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine and the software versions the numbers came from. */
final class Machine {
  private Machine() {}

  static String describe(Benchmark.Settings s) {
    String cpu = grep("/proc/cpuinfo", "model name");
    long memKb = 0;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // unknown
    }
    String os = grep("/etc/os-release", "PRETTY_NAME").replace("\"", "");
    String kernel = read("/proc/sys/kernel/osrelease");
    String pg;
    try {
      pg = SourceData.single(s.pgUrl(), s.pgUser(), "SELECT version()");
      pg = pg.replaceAll(" on .*", "");
    } catch (Exception e) {
      pg = "PostgreSQL (version unknown: " + e.getMessage() + ")";
    }
    String dynalite = "dynalite";
    try {
      String pkg =
          Files.readString(
              Benchmark.projectDir().resolve("local-dynamodb/node_modules/dynalite/package.json"));
      var m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pkg);
      if (m.find()) {
        dynalite += " " + m.group(1);
      }
    } catch (Exception e) {
      // unknown
    }
    return Benchmark.fmt(
        "%d × %s, %.1f GiB RAM, %s (kernel %s); Java %s; Node.js %s (%s, %s); %s;"
            + " load average at start %.2f",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKb / 1024.0 / 1024.0,
        os,
        kernel,
        System.getProperty("java.runtime.version"),
        command("node", "--version"),
        dynalite,
        s.targetStoreDescription(),
        pg,
        Proc.load1());
  }

  private static String grep(String file, String key) {
    try {
      for (String l : Files.readAllLines(Path.of(file))) {
        if (l.startsWith(key)) {
          return l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim();
        }
      }
    } catch (Exception e) {
      // unknown
    }
    return "?";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (Exception e) {
      return "?";
    }
  }
}
