package dev.ticketmigration.schemas;

import java.util.regex.Pattern;

/**
 * The rule for schema and table names that reach SQL unquoted: a plain identifier. Names are
 * validated, never quoted, so each database folds their case its own way and finds the tables the
 * DDL created; 128 characters is SQL Server's limit, the largest of the supported dialects.
 */
public final class SqlIdentifier {
  private SqlIdentifier() {}

  /** The rule as users read it in messages. */
  public static final String RULE = "[A-Za-z_][A-Za-z0-9_]*, at most 128 characters";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public static boolean isPlain(String name) {
    return name != null && PLAIN.matcher(name).matches();
  }

  /**
   * {@code name}, when it is a plain identifier.
   *
   * @param what what the name names ("schema", "table"), for the message
   * @throws IllegalArgumentException if it is not
   */
  public static String require(String name, String what) {
    if (!isPlain(name)) {
      throw new IllegalArgumentException(
          what + " name '" + name + "' is not a plain SQL identifier (" + RULE + ")");
    }
    return name;
  }
}
