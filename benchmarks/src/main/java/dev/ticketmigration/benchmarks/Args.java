package dev.ticketmigration.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} or {@code --name=value} arguments; a bare {@code --flag} means true. */
final class Args {
  private final Map<String, String> values = new LinkedHashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + a + "' (options start with --)");
      }
      String name;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length
          && (!args[i + 1].startsWith("--") || a.equals("--pipelineArgs"))) {
        name = a.substring(2);
        value = args[++i];
      } else {
        name = a.substring(2);
        value = "true";
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("--" + name + " is given more than once");
      }
    }
  }

  String string(String name, String fallback) {
    String v = values.remove(name);
    return v == null ? fallback : v;
  }

  long number(String name, long fallback) {
    String v = values.remove(name);
    return v == null ? fallback : parseCount(v, name);
  }

  boolean flag(String name, boolean fallback) {
    String v = values.remove(name);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  List<Long> numbers(String name, String fallback) {
    List<Long> list = new ArrayList<>();
    for (String part : string(name, fallback).split(",")) {
      if (!part.isBlank()) {
        list.add(parseCount(part.trim(), name));
      }
    }
    return list;
  }

  List<String> list(String name, String fallback) {
    List<String> list = new ArrayList<>();
    for (String part : string(name, fallback).split(",")) {
      if (!part.isBlank()) {
        list.add(part.trim());
      }
    }
    return list;
  }

  /** Fails on any option nobody asked for (a typo would otherwise be ignored silently). */
  void requireAllUsed() {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option(s): --" + String.join(", --", values.keySet()));
    }
  }

  /** 100000, 100k, 1M, 1_000_000. */
  static long parseCount(String text, String name) {
    String t = text.trim().replace("_", "").toLowerCase(java.util.Locale.ROOT);
    long factor = 1;
    if (t.endsWith("k")) {
      factor = 1_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 1_000_000;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Math.round(Double.parseDouble(t) * factor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": '" + text + "' is not a number");
    }
  }
}
