package dev.ticketmigration.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loopback only: free ports on 127.0.0.1, and a check that processes listen on nothing else (the
 * machine may have other addresses that tests must never bind to).
 */
final class Loopback {
  private Loopback() {}

  static final String HOST = "127.0.0.1";

  /** A port free on 127.0.0.1 right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /**
   * The listening TCP sockets of these processes (and their children) that are bound to anything
   * but loopback, as "pid address:port"; empty when all are on loopback. Reads /proc (Linux); on
   * other systems it finds nothing.
   */
  static List<String> listenersOffLoopback(List<ChildJvm> processes) {
    List<String> found = new ArrayList<>();
    for (ChildJvm jvm : processes) {
      if (!jvm.isAlive()) {
        continue;
      }
      List<Long> pids = new ArrayList<>();
      pids.add(jvm.pid());
      ProcessHandle.of(jvm.pid()).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      for (long pid : pids) {
        Set<String> inodes = socketInodes(pid);
        if (inodes.isEmpty()) {
          continue;
        }
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
          for (String listener : listeners(Path.of(table), inodes)) {
            found.add(jvm.name() + " (pid " + pid + ") " + listener);
          }
        }
      }
    }
    return found;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    Path fds = Path.of("/proc", Long.toString(pid), "fd");
    if (!Files.isDirectory(fds)) {
      return inodes;
    }
    try (Stream<Path> links = Files.list(fds)) {
      links.forEach(
          link -> {
            try {
              String target = Files.readSymbolicLink(link).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException | UnsupportedOperationException e) {
              // closed meanwhile
            }
          });
    } catch (IOException e) {
      // the process ended
    }
    return inodes;
  }

  /** Listening sockets (state 0A) of {@code table} among {@code inodes} not bound to loopback. */
  private static List<String> listeners(Path table, Set<String> inodes) {
    List<String> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      return out;
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[3].equals("0A") || !inodes.contains(f[9])) {
        continue;
      }
      String[] address = f[1].split(":");
      if (!isLoopback(address[0])) {
        out.add(address[0] + ":" + Integer.parseInt(address[1], 16));
      }
    }
    return out;
  }

  /** 127.x.x.x in /proc's little-endian hex, ::1, or ::ffff:127.x.x.x. */
  static boolean isLoopback(String hex) {
    if (hex.length() == 8) {
      return hex.endsWith("7F");
    }
    return hex.equals("00000000000000000000000001000000")
        || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
  }
}
