package dev.ticketmigration.accesspatterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Small SQL look-ups the tests use to choose what to ask (never to compute the expected answer).
 */
final class SqlRows {
  private SqlRows() {}

  /** The rows of a query, each as its columns' strings. */
  static List<List<String>> rows(Connection c, String sql, Object... params) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The first column of a query as longs. */
  static List<Long> longs(Connection c, String sql, Object... params) throws Exception {
    List<Long> values = new ArrayList<>();
    for (List<String> row : rows(c, sql, params)) {
      values.add(new java.math.BigDecimal(row.get(0)).longValueExact());
    }
    return values;
  }

  /** The first column of a query as strings. */
  static List<String> strings(Connection c, String sql, Object... params) throws Exception {
    return rows(c, sql, params).stream().map(r -> r.get(0)).toList();
  }
}
