package dev.ticketmigration.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each source kind makes of its URL, positions and connector settings, without a server (no
 * SQL Server runs here: its reader is checked as far as it goes without one).
 */
class LogSourceTest {
  @TempDir Path offsets;

  @Test
  void urlsOfTheThreeSources() {
    assertEquals(
        new SourceAddress(SourceAddress.Kind.POSTGRESQL, "db", 5432, "ticketing"),
        SourceAddress.parse("jdbc:postgresql://db/ticketing?sslmode=require"));
    assertEquals(
        new SourceAddress(SourceAddress.Kind.MYSQL, "db", 3307, "dms_sample"),
        SourceAddress.parse("jdbc:mariadb://db:3307/dms_sample?password=x"));
    assertEquals(
        new SourceAddress(SourceAddress.Kind.MYSQL, "db", 3306, "dms_sample"),
        SourceAddress.parse("jdbc:mysql://db/dms_sample"));
    assertEquals(
        new SourceAddress(SourceAddress.Kind.SQLSERVER, "sql.example.com", 1433, "dms_sample"),
        SourceAddress.parse(
            "jdbc:sqlserver://sql.example.com;encrypt=true;databaseName=dms_sample;password=x"));
    assertEquals(
        "jdbc:sqlserver://10.0.0.5:14330;databaseName=dms",
        SourceAddress.parse("jdbc:sqlserver://10.0.0.5:14330;database=dms").jdbcUrl());
    IllegalArgumentException noDatabase =
        assertThrows(
            IllegalArgumentException.class,
            () -> SourceAddress.parse("jdbc:sqlserver://db:1433;user=sa;password=secret"));
    assertTrue(!noDatabase.getMessage().contains("secret"), noDatabase.getMessage());
  }

  @Test
  void binlogPositionsRiseWithFileAndOffset() {
    BigInteger a = MySqlLog.coordinate("mysql-bin.000009", 4_294_967_000L);
    BigInteger b = MySqlLog.coordinate("mysql-bin.000010", 4);
    assertTrue(a.compareTo(b) < 0, "a later file is later whatever the offset");
    MySqlLog log = (MySqlLog) LogSource.of(settings("jdbc:mariadb://db/dms_sample"));
    assertEquals("binlog 000010:4", log.format(b));
    assertEquals("dms_sample", log.schema(), "MySQL's schema is the URL's database");
  }

  @Test
  void sqlServerPositionsAreTheCommitLsnsEightyBits() {
    SqlServerLog log =
        (SqlServerLog) LogSource.of(settings("jdbc:sqlserver://db;databaseName=dms_sample"));
    BigInteger low = SqlServerLog.number("0000002a:00000468:0003");
    BigInteger high = SqlServerLog.number("ffff002a:00000001:0001");
    assertTrue(low.compareTo(high) < 0);
    assertTrue(high.bitLength() > 64, "above a long: kept whole");
    assertEquals("ffff002a:00000001:0001", log.format(high));
    assertEquals(BigInteger.ZERO, SqlServerLog.number("NULL"));
    assertEquals("dbo", log.schema());

    Properties props = new Properties();
    log.connectorProperties(props);
    assertEquals(
        "io.debezium.connector.sqlserver.SqlServerConnector", props.get("connector.class"));
    assertEquals("dms_sample", props.get("database.names"));
    assertEquals("recovery", props.get("snapshot.mode"), "a new start reads the tables' structure");
  }

  @Test
  void aSqlServerThatDoesNotAnswerIsOneLine() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    ChangeLogReader reader =
        ChangeLogReader.builder()
            .jdbcUrl("jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=dms_sample")
            .user("sync")
            .password("secret")
            .offsetDirectory(offsets)
            .build();
    ChangeLogException e = assertThrows(ChangeLogException.class, reader::check);
    assertTrue(
        e.getMessage().startsWith("cannot check change data capture of SQL Server at 127.0.0.1:"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("secret"));
  }

  private ChangeLogReader.Settings settings(String url) {
    return new ChangeLogReader.Settings(
        SourceAddress.parse(url),
        "sync",
        "",
        null,
        "ticket_migration",
        "ticket_migration",
        offsets,
        10,
        1,
        java.time.Duration.ofSeconds(1),
        java.time.Duration.ofSeconds(1),
        java.time.Duration.ofSeconds(1));
  }
}
