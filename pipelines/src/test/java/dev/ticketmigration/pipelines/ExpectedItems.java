package dev.ticketmigration.pipelines;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The items the SPEC says a source must become, computed straight from SQL rows with code that
 * shares nothing with the pipeline's item builders. Items are flattened to sorted {@code attribute
 * -> "S:text" | "N:number" | "L:[...]"} maps so any difference is printable.
 */
final class ExpectedItems {
  private ExpectedItems() {}

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  static String s(String v) {
    return "S:" + v;
  }

  static String n(Object v) {
    return "N:" + new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
  }

  static String time(Object value) {
    LocalDateTime t = value instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
    return ISO_SECONDS.format(t);
  }

  private static String q(String schema, String table) {
    return schema == null ? table : schema + "." + table;
  }

  /** Expected ticket_sales items by "PK|SK". */
  static Map<String, Map<String, String>> ticketSales(Connection c, String schema)
      throws SQLException {
    Map<Long, List<Object[]>> history = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT sporting_event_ticket_id, purchased_by_id, transaction_date_time,"
                    + " transferred_from_id, purchase_price FROM "
                    + q(schema, "ticket_purchase_hist")
                    + " ORDER BY sporting_event_ticket_id, transaction_date_time")) {
      while (rs.next()) {
        history
            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(
                new Object[] {
                  rs.getLong(2),
                  time(rs.getObject(3, LocalDateTime.class)),
                  rs.getObject(4) == null ? null : rs.getLong(4),
                  rs.getBigDecimal(5)
                });
      }
    }
    Map<String, Map<String, String>> items = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT t.id, t.sporting_event_id, t.sport_location_id, t.seat_level,"
                    + " t.seat_section, t.seat_row, t.seat, t.ticketholder_id, t.ticket_price,"
                    + " e.start_date_time, e.start_date FROM "
                    + q(schema, "sporting_event_ticket")
                    + " t JOIN "
                    + q(schema, "sporting_event")
                    + " e ON e.id = t.sporting_event_id")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        String start = time(rs.getObject(10, LocalDateTime.class));
        String date = rs.getObject(11, LocalDate.class).toString();
        Long holder = rs.getObject(8) == null ? null : rs.getLong(8);
        List<Object[]> hist = history.getOrDefault(id, List.of());
        Map<String, String> t = new TreeMap<>();
        t.put("PK", s("TICKET#" + id));
        t.put("SK", s("TICKET"));
        t.put("entity", s("TICKET"));
        t.put("ticket_id", n(id));
        t.put("event_id", n(rs.getLong(2)));
        t.put("location_id", n(rs.getLong(3)));
        t.put("seat_level", n(rs.getLong(4)));
        t.put("seat_section", s(rs.getString(5)));
        t.put("seat_row", s(rs.getString(6)));
        t.put("seat", s(rs.getString(7)));
        t.put("ticket_price", n(rs.getBigDecimal(9)));
        t.put("event_start", s(start));
        t.put("purchase_count", n(hist.size()));
        String status;
        if (holder == null) {
          status = "AVAILABLE";
          t.put("GSI2_PK", s("AVAILABLE#" + rs.getLong(3) + "#" + date));
          t.put(
              "GSI2_SK",
              s(
                  rs.getLong(4)
                      + "#"
                      + rs.getString(5)
                      + "#"
                      + rs.getString(6)
                      + "#"
                      + rs.getString(7)));
        } else {
          status = hist.isEmpty() || hist.get(hist.size() - 1)[2] == null ? "SOLD" : "TRANSFERRED";
          t.put("owner_id", n(holder));
          t.put("GSI1_PK", s("OWNER#" + holder));
          t.put("GSI1_SK", s(start + "#" + id));
        }
        t.put("status", s(status));
        if (!hist.isEmpty()) {
          t.put("last_transaction_at", s((String) hist.get(hist.size() - 1)[1]));
          List<String> entries = new ArrayList<>();
          for (Object[] h : hist) {
            Map<String, String> m = new TreeMap<>();
            m.put("purchased_by_id", n(h[0]));
            m.put("transaction_at", s((String) h[1]));
            if (h[2] != null) {
              m.put("transferred_from_id", n(h[2]));
            }
            m.put("purchase_price", n(h[3]));
            entries.add("M:" + m);
          }
          t.put("history", "L:" + entries);
        }
        items.put("TICKET#" + id + "|TICKET", t);
        for (Object[] h : hist) {
          if (h[2] == null) {
            continue;
          }
          Map<String, String> x = new TreeMap<>();
          String sk = "TRANSFER#" + h[1] + "#" + h[0];
          x.put("PK", s("TICKET#" + id));
          x.put("SK", s(sk));
          x.put("entity", s("TRANSFER"));
          x.put("ticket_id", n(id));
          x.put("event_id", n(rs.getLong(2)));
          x.put("from_id", n(h[2]));
          x.put("to_id", n(h[0]));
          x.put("transaction_at", s((String) h[1]));
          x.put("purchase_price", n(h[3]));
          x.put("GSI3_PK", s("FROM#" + h[2]));
          x.put("GSI3_SK", s(h[1] + "#" + id));
          x.put("GSI4_PK", s("TO#" + h[0]));
          x.put("GSI4_SK", s(h[1] + "#" + id));
          items.put("TICKET#" + id + "|" + sk, x);
        }
      }
    }
    return items;
  }

  /** Expected config items (keys, entity, name, index keys and every non-null column). */
  static Map<String, Map<String, String>> config(Connection c, String schema) throws SQLException {
    Map<String, String> teamNames = new HashMap<>();
    for (Map<String, Object> row : rows(c, q(schema, "sport_team"))) {
      teamNames.put(row.get("id").toString(), (String) row.get("name"));
    }
    Map<String, Map<String, String>> items = new TreeMap<>();
    addConfig(
        c,
        schema,
        "sport_type",
        items,
        r -> new String[] {"SPORT_TYPE", "SPORT_TYPE", str(r, "name"), str(r, "name")});
    addConfig(
        c,
        schema,
        "sport_league",
        items,
        r ->
            new String[] {
              "LEAGUE",
              "LEAGUE",
              str(r, "sport_type_name") + "#" + str(r, "short_name"),
              str(r, "long_name")
            });
    addConfig(
        c,
        schema,
        "sport_division",
        items,
        r ->
            new String[] {
              "DIVISION",
              "DIVISION#" + str(r, "sport_type_name") + "#" + str(r, "sport_league_short_name"),
              str(r, "short_name"),
              str(r, "long_name")
            });
    addConfig(
        c,
        schema,
        "sport_location",
        items,
        r -> new String[] {"LOCATION", "LOCATION", str(r, "id"), str(r, "name")});
    addConfig(
        c,
        schema,
        "sport_team",
        items,
        r ->
            new String[] {
              "TEAM",
              "TEAM#" + str(r, "sport_type_name") + "#" + str(r, "sport_league_short_name"),
              str(r, "id"),
              str(r, "name")
            });
    addConfig(
        c,
        schema,
        "seat_type",
        items,
        r -> new String[] {"SEAT_TYPE", "SEAT_TYPE", str(r, "name"), str(r, "name")});
    addConfig(
        c,
        schema,
        "seat",
        items,
        r ->
            new String[] {
              "SEAT",
              "SEAT#" + str(r, "sport_location_id"),
              str(r, "seat_level")
                  + "#"
                  + str(r, "seat_section")
                  + "#"
                  + str(r, "seat_row")
                  + "#"
                  + str(r, "seat"),
              null
            });
    addConfig(
        c,
        schema,
        "player",
        items,
        r ->
            new String[] {
              "PLAYER", "PLAYER#" + str(r, "sport_team_id"), str(r, "id"), str(r, "full_name")
            });
    addConfig(
        c,
        schema,
        "person",
        items,
        r -> new String[] {"PERSON", "PERSON#" + str(r, "id"), "PROFILE", str(r, "full_name")});
    addConfig(
        c,
        schema,
        "sporting_event",
        items,
        r ->
            new String[] {
              "EVENT",
              "EVENT#" + str(r, "start_date"),
              str(r, "id"),
              teamNames.get(str(r, "away_team_id")) + " at " + teamNames.get(str(r, "home_team_id"))
            });
    return items;
  }

  private interface KeyFn {
    String[] keys(Map<String, Object> row);
  }

  private static void addConfig(
      Connection c, String schema, String table, Map<String, Map<String, String>> items, KeyFn fn)
      throws SQLException {
    for (Map<String, Object> row : rows(c, q(schema, table))) {
      String[] k = fn.keys(row);
      Map<String, String> item = new TreeMap<>();
      row.forEach(
          (col, v) -> {
            if (v != null) {
              item.put(col, v instanceof Number ? n(v) : s(text(v)));
            }
          });
      item.put("PK", s(k[1]));
      item.put("SK", s(k[2]));
      item.put("entity", s(k[0]));
      if (k[3] != null) {
        item.put("name", s(k[3]));
        item.put("GSI1_PK", s(k[3]));
        item.put("GSI1_SK", s(k[1]));
      }
      if (table.equals("sport_location") && row.get("city") != null) {
        item.put("GSI2_PK", s("CITY#" + row.get("city")));
        item.put("GSI2_SK", s(k[2]));
      }
      if (table.equals("sport_team") && row.get("abbreviated_name") != null) {
        item.put("GSI3_PK", s("ABBR#" + row.get("abbreviated_name")));
        item.put("GSI3_SK", s(k[2]));
      }
      items.put(k[1] + "|" + k[2], item);
    }
  }

  private static String str(Map<String, Object> row, String col) {
    Object v = row.get(col);
    return v instanceof Number ? n(v).substring(2) : text(v);
  }

  private static String text(Object v) {
    if (v instanceof Timestamp ts) {
      return time(ts);
    }
    if (v instanceof LocalDateTime t) {
      return time(t);
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    return v.toString();
  }

  private static List<Map<String, Object>> rows(Connection c, String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Boolean b) {
            v = b ? 1 : 0;
          }
          if (v instanceof java.time.OffsetDateTime || v instanceof java.sql.Timestamp) {
            v = rs.getObject(i, LocalDateTime.class);
          }
          row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
