package dev.ticketmigration.transforms.reading;

/**
 * How source queries start. Beam 2.70's JdbcUtil prints the schema of every SELECT it can parse to
 * stdout (a stray {@code System.out.println} in its lineage code); a comment line after {@code
 * SELECT} keeps its pattern from matching, so the tool's output stays clean. Lineage is not
 * reported either way for these URLs.
 */
public final class SqlText {
  private SqlText() {}

  /** {@code SELECT} followed by a comment line; append the select list. */
  public static final String SELECT = "SELECT /* ticket-migration */\n  ";

  /** Every column of a table (already qualified and checked). */
  public static String selectAll(String qualifiedTable) {
    return SELECT + "* FROM " + qualifiedTable;
  }
}
