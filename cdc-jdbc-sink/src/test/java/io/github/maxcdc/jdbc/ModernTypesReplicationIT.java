package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.ListenerException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.jdbc.testing.Rows;
import io.github.maxcdc.jdbc.testing.SharedMariaDb;
import io.github.maxcdc.jdbc.testing.TargetDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rows of recording {@code g_modern_*} (UUID, INET4, INET6, DECIMAL(65,30), a VARCHAR holding a
 * NUL, zero dates), served as MaxScale sends them: with a source connection the target ends equal
 * to the source cell for cell; without one the sink refuses what it cannot write exactly.
 */
class ModernTypesReplicationIT {
  static final TargetDb DB = SharedMariaDb.get();
  static final String[] COLUMNS = {
    "id", "c_uuid", "c_inet4", "c_inet6", "c_dec65", "c_vchar", "c_dtzero", "c_dzero"
  };

  @BeforeAll
  static void source() throws Exception {
    DB.execute("DROP DATABASE IF EXISTS cdc_types2");
    RecordingsReplicationIT.runScript(
        "maxcdc-recordings/maxscale-24.02.3-types/sql/50_modern_types.sql");
  }

  /** The source's rows, every cell as the hex of its bytes. */
  static List<Map<String, Object>> cells(String table) throws Exception {
    List<String> hex = new ArrayList<>();
    for (String c : COLUMNS) {
      hex.add("HEX(CAST(`" + c + "` AS BINARY)) AS `" + c + "`");
    }
    return Rows.of(DB, table, "id", hex.toArray(String[]::new));
  }

  static void script(FakeMaxScale server) throws Exception {
    ScriptedTable modern =
        server.createTable(
            "cdc_types2",
            "modern",
            TableDefinition.builder()
                .column("id", "INT")
                .autoIncrement("id")
                .primaryKey("id")
                .column("c_uuid", "UUID")
                .column("c_inet4", "INET4")
                .column("c_inet6", "INET6")
                .column("c_dec65", "DECIMAL(65,30)")
                .column("c_vchar", "VARCHAR(20)")
                .column("c_dtzero", "DATETIME")
                .column("c_dzero", "DATE")
                .build());
    Map<String, Object> one = new HashMap<>();
    one.put("c_uuid", UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
    one.put("c_inet4", InetAddress.getByName("10.1.2.3"));
    one.put("c_inet6", InetAddress.getByName("2001:db8:85a3::8a2e:370:7334"));
    one.put(
        "c_dec65",
        new BigDecimal("98765432109876543210987654321098765.000000000000000000000000000001"));
    one.put("c_vchar", "m\0n");
    one.put("c_dtzero", "0000-00-00 00:00:00");
    one.put("c_dzero", "0000-00-00");
    modern.insert(one);
    Map<String, Object> two = new HashMap<>();
    two.put("c_uuid", UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
    two.put("c_inet4", InetAddress.getByName("172.16.0.5"));
    two.put("c_inet6", InetAddress.getByName("fe80::abcd"));
    two.put("c_dec65", new BigDecimal("-0.000000000000000000000000000005"));
    two.put("c_vchar", "plain");
    two.put("c_dtzero", LocalDateTime.of(2024, 5, 6, 7, 8, 9));
    two.put("c_dzero", LocalDate.of(2024, 5, 6));
    modern.insert(two);
    modern.insert(new HashMap<>());
    modern.update(
        Map.of("id", 2),
        Map.of("c_inet4", "0.0.0.0", "c_uuid", "00000000-0000-0000-0000-000000000000"));
  }

  static VerifyResult verify() throws Exception {
    return TableVerifier.builder()
        .source(SourceDatabase.jdbcUrl(DB.jdbcUrl("cdc_types2"), "root", ""))
        .target(DB.jdbcUrl("modern_dw"), "root", "")
        .tables(
            io.github.maxcdc.event.TableId.parse("cdc_types2.modern"),
            io.github.maxcdc.event.TableId.parse("modern_dw.modern"))
        .settleTimeout(Duration.ofMillis(200)) // nothing replicates any more
        .build()
        .verify();
  }

  static JdbcSink.Builder sink() throws Exception {
    DB.execute(
        "DROP DATABASE IF EXISTS modern_dw",
        "CREATE DATABASE modern_dw",
        "CREATE TABLE modern_dw.modern LIKE cdc_types2.modern");
    return JdbcSink.builder()
        .jdbcUrl(DB.jdbcUrl("modern_dw"), "root", "")
        .mapping(TableMapping.of("cdc_types2.modern", "modern_dw.modern"));
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void withASourceConnectionEveryCellIsTheSources(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      script(server);
      SinkMetrics m =
          Pipeline.runToIdle(
              server,
              format,
              sink().source(SourceDatabase.jdbcUrl(DB.jdbcUrl("cdc_types2"), "root", "")).build());
      assertEquals(4, m.events());
      assertTrue(m.rereadRows() > 0, m.toString());
    }
    List<Map<String, Object>> source = cells("cdc_types2.modern");
    assertEquals(3, source.size());
    assertEquals("6D006E", source.get(0).get("c_vchar"), "the source holds m NUL n");
    assertEquals(source, cells("modern_dw.modern"));
    VerifyResult verified = verify();
    assertTrue(verified.equal(), verified.toString());
    DB.execute("UPDATE modern_dw.modern SET c_inet6 = 'fe80::abce' WHERE id = 2");
    VerifyResult differs = verify();
    assertTrue(!differs.equal(), differs.toString());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void withoutASourceAValueMaxScaleCutIsRefusedNamingItsColumn(StreamFormat format)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      script(server);
      try (Pipeline p = Pipeline.start(server, format, sink().build(), Duration.ofSeconds(1))) {
        ListenerException e =
            assertThrows(
                ListenerException.class, () -> p.client.awaitTermination(Duration.ofSeconds(30)));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("'c_uuid'"), message);
        assertTrue(message.contains("TRUNCATED"), message);
        assertTrue(message.contains("cdc_types2.modern"), message);
      }
    }
    assertNotEquals(cells("cdc_types2.modern"), cells("modern_dw.modern"));
    assertEquals(0, Rows.count(DB, "modern_dw.modern"), "nothing of the refused row is written");
  }
}
