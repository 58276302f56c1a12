package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.ListenerException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.RecordedWorkloads;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rows of recording {@code g_modern_*} (UUID, INET4, INET6, DECIMAL(65,30), a VARCHAR holding a
 * NUL, zero dates), served as MaxScale sends them: with a source connection the target ends equal
 * to the source cell for cell; without one the sink refuses what it cannot write exactly.
 */
class ModernTypesReplicationIT {
  static final TestDatabase DB = TestDatabase.shared();
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

  static void script(FakeMaxScale server) {
    RecordedWorkloads.modern(server, second -> {}); // the recording's rows, at today's time
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
