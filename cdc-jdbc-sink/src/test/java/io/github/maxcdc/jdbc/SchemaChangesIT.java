package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.RecordedWorkloads;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording {@code h_items2} of {@code maxscale-24.02.3-ddl}: a rename, a widening, a column added
 * with a default, stored and virtual generated columns, an invisible column and a dropped column,
 * as a real MaxScale 24.02.3 streams them; with a source connection the target ends equal to the
 * source's final rows, the rows written before each added column filled from the source.
 */
class SchemaChangesIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final String DDL = "maxcdc-recordings/maxscale-24.02.3-ddl/";
  static final String[] COLUMNS = {"sku", "label", "price", "qty", "total", "big", "origin"};

  @BeforeAll
  static void source() throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog");
    RecordingsReplicationIT.runScript(DDL + "sql/61_schema_changes_change_syntax.sql");
  }

  /** The source's final rows as the recording's README gives them. */
  static List<List<String>> expected() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (InputStream in =
        SchemaChangesIT.class.getClassLoader().getResourceAsStream(DDL + "expected_items2.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          rows.add(List.of(line.split("\t", -1)));
        }
      }
    }
    return rows;
  }

  static List<List<String>> rows(String table) throws Exception {
    List<String> text = new ArrayList<>();
    for (String c : COLUMNS) {
      // a target created from MaxScale's types alone has wider DECIMALs: compare the values
      String value =
          c.equals("price") || c.equals("total")
              ? "CAST(`" + c + "` AS DECIMAL(12,2))"
              : "`" + c + "`";
      text.add("CAST(" + value + " AS CHAR) AS `" + c + "`");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> r : Rows.of(DB, table, "sku", text.toArray(String[]::new))) {
      rows.add(r.values().stream().map(String::valueOf).toList());
    }
    return rows;
  }

  /**
   * The h_items2 stream: the recording itself in JSON; in AVRO the same workload scripted (a
   * replayed AVRO conversation cannot answer the client's type lookup), which the testkit shows
   * equal to recording {@code h_items2_avro}.
   */
  static FakeMaxScale items2(StreamFormat format) {
    if (format == StreamFormat.JSON) {
      return FakeMaxScale.builder().replay(Recording.builtIn("h_items2_json")).build();
    }
    FakeMaxScale server = FakeMaxScale.builder().build();
    server.createDatabase("catalog");
    RecordedWorkloads.items2(server);
    return server;
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyAlterIsFollowedAndOldRowsAreFilledFromTheSource(StreamFormat format) throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog_dw", "CREATE DATABASE catalog_dw");
    try (FakeMaxScale server = items2(format)) {
      SinkMetrics m =
          Pipeline.runToIdle(
              server,
              format,
              JdbcSink.builder()
                  .jdbcUrl(DB.jdbcUrl("catalog_dw"), "root", "")
                  .mapping(TableMapping.of("catalog.items2", "catalog_dw.items2"))
                  .createTarget("sku")
                  .onNewColumns(NewColumnsPolicy.ADD_COLUMNS)
                  .source(SourceDatabase.jdbcUrl(DB.jdbcUrl("catalog"), "root", ""))
                  .build());
      assertTrue(m.events() > 0, m.toString());
    }
    assertEquals(expected(), rows("catalog.items2"), "the recorded source");
    assertEquals(expected(), rows("catalog_dw.items2"));
    assertEquals(0, Rows.count(DB, "catalog_dw.maxcdc_backfill"), "every fill finished");
  }

  static void replicate(SourceDatabase source) throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("h_items2_json")).build()) {
      JdbcSink.Builder sink =
          JdbcSink.builder()
              .jdbcUrl(DB.jdbcUrl("catalog_dw"), "root", "")
              .mapping(TableMapping.of("catalog.items2", "catalog_dw.items2"))
              .createTarget("sku")
              .onNewColumns(NewColumnsPolicy.ADD_COLUMNS)
              .onSchemaChanges(SchemaChangePolicy.DEFAULT.dropped(SchemaChangePolicy.Dropped.DROP));
      if (source != null) {
        sink.source(source);
      }
      Pipeline.runToIdle(server, StreamFormat.JSON, sink.build());
    }
  }

  @Test
  void withoutASourceTypesWidenAndOldRowsWaitForARunWithOne() throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog_dw", "CREATE DATABASE catalog_dw");
    // MaxScale's real types only: qty is created SMALLINT, then widened for 70000
    replicate(null);
    List<String> names =
        Rows.of(DB, "information_schema.COLUMNS", "ORDINAL_POSITION", "COLUMN_NAME AS n").stream()
            .filter(r -> true)
            .map(r -> String.valueOf(r.get("n")))
            .toList();
    assertTrue(names.contains("label") && !names.contains("note"), names.toString());
    List<List<String>> target = rows("catalog_dw.items2");
    // sku 400 was written before price existed, and not changed since: MaxScale never sends it
    assertEquals(List.of("400", "cog", "null", "40"), target.get(2).subList(0, 4));
    assertEquals("70000", target.get(3).get(3), "qty widened before 70000 was written");
    assertEquals(1, Rows.count(DB, "catalog_dw.maxcdc_backfill"), "a fill waits for a source");

    // the same stream again, now with the source: the fill runs at start
    replicate(SourceDatabase.jdbcUrl(DB.jdbcUrl("catalog"), "root", ""));
    assertEquals(expected(), rows("catalog_dw.items2"));
    assertEquals(0, Rows.count(DB, "catalog_dw.maxcdc_backfill"));
  }

  /**
   * The same stream to a history and to an SCD2 table: every alter is followed as in a mirror; the
   * history holds one row per change, the SCD2 table's current versions are the source's rows, and
   * no fill runs (old rows are past changes and versions: they keep NULL in added columns).
   */
  @ParameterizedTest
  @EnumSource(
      value = TargetMode.class,
      names = {"HISTORY", "SCD2"})
  void historyAndScd2FollowEveryAlter(TargetMode mode) throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog_dw", "CREATE DATABASE catalog_dw");
    SinkMetrics m;
    try (FakeMaxScale server = items2(StreamFormat.JSON)) {
      m =
          Pipeline.runToIdle(
              server,
              StreamFormat.JSON,
              JdbcSink.builder()
                  .jdbcUrl(DB.jdbcUrl("catalog_dw"), "root", "")
                  .mapping(TableMapping.of("catalog.items2", "catalog_dw.items2"))
                  .targetMode(mode)
                  .createTarget("sku")
                  .onNewColumns(NewColumnsPolicy.ADD_COLUMNS)
                  .source(SourceDatabase.jdbcUrl(DB.jdbcUrl("catalog"), "root", ""))
                  .build());
    }
    assertTrue(m.events() > 0, m.toString());
    if (mode == TargetMode.HISTORY) {
      assertEquals(m.events(), Rows.count(DB, "catalog_dw.items2"), "one row per change");
    } else {
      List<List<String>> current = new ArrayList<>();
      for (List<String> row : rows("catalog_dw.items2 WHERE _current = 1")) {
        current.add(List.of(row.get(0), row.get(1), row.get(3)));
      }
      List<List<String>> source = new ArrayList<>();
      for (List<String> row : expected()) {
        source.add(List.of(row.get(0), row.get(1), row.get(3)));
      }
      assertEquals(source, current, "sku, label and qty, columns from the start");
      assertEquals(
          List.of(Map.of("sku", 400, "price", "null")),
          Rows.of(
              DB,
              "catalog_dw.items2 WHERE _current = 1 AND sku = 400",
              "sku",
              "sku",
              "CAST(IFNULL(price, 'null') AS CHAR) AS price"),
          "a version from before price existed keeps NULL");
    }
    assertEquals(
        0,
        Rows.count(
            DB,
            "information_schema.TABLES WHERE TABLE_SCHEMA = 'catalog_dw'"
                + " AND TABLE_NAME = 'maxcdc_backfill'"),
        "nothing to fill");
  }
}
