package dev.ticketmigration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads CPU time and memory of processes and of the machine from Linux's /proc. */
final class Proc {
  private Proc() {}

  /** Clock ticks per second of /proc's CPU counters (USER_HZ, 100 on Linux). */
  static final int HZ = clockTicks();

  private static int clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Integer.parseInt(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  /** utime + stime of a process (all its threads), in ticks; -1 when it is gone. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The command name of a process (/proc/pid/comm), or null. */
  static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU ticks of every process whose command name is {@code name}, by pid. */
  static Map<Long, Long> ticksByName(String name) {
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path dir : dirs) {
        String file = dir.getFileName().toString();
        if (file.isEmpty() || !Character.isDigit(file.charAt(0))) {
          continue;
        }
        long pid = Long.parseLong(file);
        if (name.equals(comm(pid))) {
          long t = cpuTicks(pid);
          if (t >= 0) {
            ticks.put(pid, t);
          }
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to report
    }
    return ticks;
  }

  /** {busy, total} ticks of all CPUs from /proc/stat (busy excludes idle and iowait). */
  static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** Peak resident set (VmHWM) of a process in bytes, or -1. */
  static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }

  /** The 1-minute load average, or NaN. */
  static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
