package io.github.maxcdc.testkit;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Workloads of the recordings a real MaxScale 24.02.3 made, scripted on a {@link FakeMaxScale}, for
 * tests that need the same stream in both formats. Each is shown byte for byte against its
 * recording by the testkit's own tests (given the recording's clock and GTIDs).
 */
public final class RecordedWorkloads {
  private RecordedWorkloads() {}

  /**
   * {@code maxscale-24.02.3-ddl/sql/61_schema_changes_change_syntax.sql} on database {@code
   * catalog} (which must exist): table {@code items2} renamed a column ({@code CHANGE name label}),
   * widened one ({@code MODIFY qty INT}), gained a column with a default in the middle, stored and
   * virtual generated columns and an invisible column, and lost one, with rows before and after
   * each change: seven schema versions, the stream of recording {@code h_items2_json}. The source's
   * rows at the end are {@code expected_items2.tsv}.
   *
   * @return the scripted table
   */
  public static ScriptedTable items2(FakeMaxScale server) {
    ScriptedTable items2 =
        server.createTable(
            "catalog",
            "items2",
            TableDefinition.builder()
                .column("sku", "INT")
                .primaryKey("sku")
                .column("name", "VARCHAR(20)")
                .column("qty", "SMALLINT")
                .column("note", "VARCHAR(30)")
                .build());
    server.transaction( // one INSERT of three rows
        tx -> {
          tx.insert(items2, row("sku", 100, "name", "bolt", "qty", 10, "note", "n1"));
          tx.insert(items2, row("sku", 200, "name", "nut", "qty", 20, "note", "n2"));
          tx.insert(items2, row("sku", 300, "name", "gear", "qty", 30, "note", null));
        });
    items2.renameColumn("name", "label"); // CHANGE name label VARCHAR(20)
    items2.insert(row("sku", 400, "label", "cog", "qty", 40, "note", "n4"));
    items2.modifyColumn("qty", "INT");
    items2.insert(row("sku", 500, "label", "pin", "qty", 70000, "note", "n5"));
    // NOT NULL DEFAULT 1.25 AFTER label (the testkit's columns are nullable; no row differs)
    items2.addColumn(
        ColumnSpec.of("price", "DECIMAL(8,2)").defaultValue(new BigDecimal("1.25")).after("label"));
    items2.insert(
        row("sku", 600, "label", "axle", "price", new BigDecimal("9.99"), "qty", 60, "note", "n6"));
    items2.addColumns(
        ColumnSpec.of("total", "DECIMAL(12,2)").generatedStored(RecordedWorkloads::priceTimesQty),
        ColumnSpec.of("big", "BOOLEAN").generatedVirtual(RecordedWorkloads::qtyAbove100));
    items2.update(Map.of("sku", 200), Map.of("qty", 21)); // qty = qty + 1
    items2.addColumn(ColumnSpec.of("origin", "CHAR(2)").invisible().defaultValue("FR"));
    items2.insert(
        row(
            "sku",
            700,
            "label",
            "cam",
            "price",
            new BigDecimal("2.50"),
            "qty",
            7,
            "note",
            "n7",
            "origin",
            "DE"));
    items2.dropColumn("note");
    items2.insert(row("sku", 800, "label", "rod", "price", new BigDecimal("3.00"), "qty", 8));
    items2.update(Map.of("sku", 100), Map.of("label", "BOLT"));
    items2.delete(Map.of("sku", 300));
    return items2;
  }

  /**
   * {@code maxscale-24.02.3-types/sql/50_modern_types.sql} up to its table without a key, on
   * database {@code cdc_types2}: table {@code modern} with a UUID, INET4, INET6, DECIMAL(65,30), a
   * VARCHAR holding a NUL and zero dates, three rows and an update, the stream of recording {@code
   * g_modern_json}.
   *
   * @param atSecond called with each statement's recorded time (epoch seconds) before it runs, for
   *     a test whose clock reproduces the recording's
   * @return the scripted table
   */
  public static ScriptedTable modern(FakeMaxScale server, LongConsumer atSecond) {
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
    atSecond.accept(1700000901);
    modern.insert(
        row(
            "c_uuid",
            "550e8400-e29b-41d4-a716-446655440000",
            "c_inet4",
            "10.1.2.3",
            "c_inet6",
            "2001:db8:85a3::8a2e:370:7334",
            "c_dec65",
            new java.math.BigDecimal(
                "98765432109876543210987654321098765.000000000000000000000000000001"),
            "c_vchar",
            "m\0n",
            "c_dtzero",
            "0000-00-00 00:00:00",
            "c_dzero",
            "0000-00-00"));
    atSecond.accept(1700000902);
    modern.insert(
        row(
            "c_uuid",
            "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "c_inet4",
            "172.16.0.5",
            "c_inet6",
            "fe80::abcd",
            "c_dec65",
            new java.math.BigDecimal("-0.000000000000000000000000000005"),
            "c_vchar",
            "plain",
            "c_dtzero",
            java.time.LocalDateTime.parse("2024-05-06T07:08:09"),
            "c_dzero",
            java.time.LocalDate.parse("2024-05-06")));
    atSecond.accept(1700000903);
    modern.insert(new HashMap<>());
    atSecond.accept(1700000904);
    modern.update(
        Map.of("id", 2),
        Map.of("c_inet4", "0.0.0.0", "c_uuid", "00000000-0000-0000-0000-000000000000"));
    return modern;
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** {@code price * qty}. */
  private static Object priceTimesQty(Map<String, Object> row) {
    BigDecimal price = (BigDecimal) row.get("price");
    Long qty = (Long) row.get("qty");
    return price == null || qty == null ? null : price.multiply(BigDecimal.valueOf(qty));
  }

  /** {@code qty > 100}. */
  private static Object qtyAbove100(Map<String, Object> row) {
    Long qty = (Long) row.get("qty");
    return qty == null ? null : qty > 100;
  }
}
