package dev.ticketmigration.accesspatterns;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns and a row count, for answers a person reads in a terminal
 * or pastes into the README. Absent values print as {@code -}.
 */
final class TextTable {
  private TextTable() {}

  static String render(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>(row.size());
      for (String cell : row) {
        cells.add(cell == null ? "-" : cell);
      }
      lines.add(cells);
    }
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).codePointCount(0, line.get(i).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      appendLine(out, lines.get(n), widths);
      if (n == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(width));
        }
        appendLine(out, rule, widths);
      }
    }
    out.append('(').append(rows.size()).append(rows.size() == 1 ? " row" : " rows").append(")\n");
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
