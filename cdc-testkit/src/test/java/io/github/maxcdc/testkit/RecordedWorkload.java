package io.github.maxcdc.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The recordings' SQL scripts (sql/*.sql), replayed through the scripted API with the same
 * timestamps.
 */
final class RecordedWorkload {
  private final FakeMaxScale server;
  private final SettableClock clock;
  ScriptedTable commandes;
  ScriptedTable allTypes;
  ScriptedTable retours;
  ScriptedTable items2;

  RecordedWorkload(FakeMaxScale server, SettableClock clock) {
    this.server = server;
    this.clock = clock;
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private static Map<String, Object> order(String client, String montant, String statut) {
    return row(
        "client",
        client,
        "montant",
        montant == null ? null : new BigDecimal(montant),
        "statut",
        statut);
  }

  /**
   * maxscale-24.02.3-types/sql/50_modern_types.sql up to the table without a key: GTIDs 0-1-1 ..
   * 0-1-6.
   */
  RecordedWorkload modernTypes() {
    clock.set(1700000900);
    server.createDatabase("cdc_types2");
    RecordedWorkloads.modern(server, clock::set);
    return this;
  }

  /**
   * The first GTID sequence of {@link #schemaChanges()}: in the recording,
   * sql/60_schema_changes.sql ran first on the same source and used 0-1-1 .. 0-1-17.
   */
  static final long SCHEMA_CHANGES_FIRST_GTID_SEQUENCE = 18;

  /** The time of every row of {@code items2}, which was not pinned: the recording's time. */
  private static final long ITEMS2_TIME = 1796482011;

  /**
   * maxscale-24.02.3-ddl/sql/61_schema_changes_change_syntax.sql on a server whose first GTID
   * sequence is {@link #SCHEMA_CHANGES_FIRST_GTID_SEQUENCE}: GTIDs 0-1-18 .. 0-1-34, the seven
   * versions of {@code catalog.items2} starting at 0-1-19, 0-1-21, 0-1-23, 0-1-25, 0-1-27, 0-1-29
   * and 0-1-31.
   */
  RecordedWorkload schemaChanges() {
    clock.set(ITEMS2_TIME);
    server.createDatabase("catalog"); // IF NOT EXISTS: logged although sql/60 created it
    items2 = RecordedWorkloads.items2(server);
    return this;
  }

  /** sql/01_schema_shop_tx.sql and sql/10_workload_commandes.sql: GTIDs 0-1-1 .. 0-1-10. */
  RecordedWorkload phase1() {
    clock.set(1700000000);
    server.createDatabase("shop_tx");
    commandes = server.createTable("shop_tx", "commandes", TableDefinition.commandes());
    clock.set(1700000101);
    commandes.insert(order("Alice Martin", "120.50", "NOUVELLE"));
    clock.set(1700000102);
    commandes.insert(order("Bruno Lefèvre", "75.00", "NOUVELLE"));
    clock.set(1700000103);
    commandes.insert(order("Chloé Dubois", "300.99", "NOUVELLE"));
    clock.set(1700000104);
    commandes.insert(order(null, null, null));
    clock.set(1700000105);
    commandes.update(Map.of("id", 1), row("statut", "PAYEE", "montant", new BigDecimal("125.50")));
    clock.set(1700000106);
    commandes.delete(Map.of("id", 2));
    clock.set(1700000107);
    server.transaction(
        tx -> {
          tx.insert(commandes, order("Damien Petit", "10.00", "NOUVELLE"));
          tx.insert(commandes, order("Élodie Roux", "20.00", "NOUVELLE"));
          tx.insert(commandes, order("François Moreau", "30.00", "NOUVELLE"));
          tx.insert(commandes, order("Gaëlle \"Gigi\" O'Brien", "99999999.99", "NOUVELLE"));
          tx.update(commandes, Map.of("id", 3), Map.of("statut", "EXPEDIEE"));
          tx.update(commandes, Map.of("id", 5), Map.of("statut", "EXPEDIEE"));
          tx.delete(commandes, Map.of("id", 4));
        });
    clock.set(1700000108);
    commandes.update(Map.of("id", 1), Map.of("client", "Alice Martin-Durand"));
    return this;
  }

  /** sql/20_types.sql: GTIDs 0-1-11 .. 0-1-19. */
  RecordedWorkload types() {
    return types(false);
  }

  /**
   * maxscale-24.02.3-kafkacdc/sql-extra/20b_types_utf8_blobs.sql: sql/20_types.sql with valid UTF-8
   * in the BLOB and BINARY values (VARBINARY x'FF' kept); GTIDs 0-1-11 .. 0-1-19.
   */
  RecordedWorkload typesUtf8Blobs() {
    return types(true);
  }

  private RecordedWorkload types(boolean utf8Blobs) {
    clock.set(1700000200);
    server.createDatabase("cdc_types");
    allTypes = server.createTable("cdc_types", "all_types", allTypesDefinition());
    clock.set(1700000201);
    Map<String, Object> ordinary = ordinaryRow();
    Map<String, Object> maximum = maximumRow();
    if (utf8Blobs) {
      ordinary.putAll(row("c_blob", hex("C3A9"), "c_mediumblob", hex("E282AC")));
      maximum.putAll(
          row(
              "c_tinyblob",
              hex("7F"),
              "c_blob",
              hex("7F7E"),
              "c_mediumblob",
              hex("7F"),
              "c_longblob",
              hex("7F"),
              "c_binary",
              hex("7F7F7F7F7F7F7F7F")));
    }
    allTypes.insert(ordinary);
    clock.set(1700000202);
    allTypes.insert(minimumRow());
    clock.set(1700000203);
    allTypes.insert(maximum);
    clock.set(1700000204);
    allTypes.insert(Map.of());
    clock.set(1700000205);
    allTypes.insert(
        row(
            "c_char",
            "çà€",
            "c_varchar",
            "Grüße, 日本語, emoji 😀, quote \" backslash \\ tab \t nl \n",
            "c_text",
            "ligne1\r\nligne2",
            "c_blob",
            hex(utf8Blobs ? "007F007F" : "00FF00FF"),
            "c_json",
            "\"just a string\"",
            "c_enum",
            "small",
            "c_set",
            "green"));
    clock.set(1700000206);
    allTypes.update(
        Map.of("id", 1),
        row(
            "c_int",
            -123455,
            "c_varchar",
            "updated",
            "c_json",
            "{\"updated\": true}",
            "c_bit12",
            1L,
            "c_datetime6",
            LocalDateTime.parse("2025-06-30T12:00:00.000001")));
    clock.set(1700000207);
    allTypes.delete(Map.of("id", 4));
    return this;
  }

  /** sql/30_alter_commandes.sql: GTIDs 0-1-20 .. 0-1-24. */
  RecordedWorkload phase2() {
    clock.set(1700000301);
    commandes.addColumn("canal", "VARCHAR(20)", "web");
    clock.set(1700000302);
    Map<String, Object> hugo = order("Hugo Lambert", "42.00", "NOUVELLE");
    hugo.put("canal", "mobile");
    commandes.insert(hugo);
    clock.set(1700000303);
    commandes.insert(order("Inès Garnier", "13.37", "NOUVELLE"));
    clock.set(1700000304);
    commandes.update(Map.of("id", 1), Map.of("statut", "LIVREE", "canal", "magasin"));
    clock.set(1700000305);
    commandes.delete(Map.of("id", 3));
    return this;
  }

  /**
   * maxscale-24.02.3-kafkacdc/sql-extra/35_big_transaction.sql after {@link #phase1()}: one
   * transaction of 20,000 inserts into {@code commandes} (ids 9 .. 20008), GTID 0-1-11.
   */
  RecordedWorkload bigTransaction() {
    clock.set(1700000500);
    server.transaction(
        tx -> {
          for (int i = 1; i <= 20_000; i++) {
            BigDecimal montant = BigDecimal.valueOf(i % 1000 * 100 + i % 100, 2);
            tx.insert(
                commandes,
                row(
                    "client",
                    String.format(Locale.ROOT, "bulk-%05d", i),
                    "montant",
                    montant,
                    "statut",
                    "BULK"));
          }
        });
    return this;
  }

  /** sql/40_late_table.sql (GTID 0-1-25). */
  RecordedWorkload lateTable() {
    clock.set(1700000401);
    retours =
        server.createTable(
            "shop_tx",
            "retours",
            TableDefinition.builder()
                .column("id", "INT")
                .autoIncrement("id")
                .primaryKey("id")
                .column("commande_id", "INT")
                .column("motif", "VARCHAR(50)")
                .build());
    return this;
  }

  /** sql/41_late_table_first_row.sql (GTID 0-1-26). */
  RecordedWorkload lateTableFirstRow() {
    clock.set(1700000402);
    retours.insert(Map.of("commande_id", 1, "motif", "colis abîmé"));
    return this;
  }

  static TableDefinition allTypesDefinition() {
    return TableDefinition.builder()
        .column("id", "INT")
        .autoIncrement("id")
        .primaryKey("id")
        .column("c_tinyint", "TINYINT")
        .column("c_tinyint_u", "TINYINT UNSIGNED")
        .column("c_smallint", "SMALLINT")
        .column("c_smallint_u", "SMALLINT UNSIGNED")
        .column("c_mediumint", "MEDIUMINT")
        .column("c_mediumint_u", "MEDIUMINT UNSIGNED")
        .column("c_int", "INT")
        .column("c_int_u", "INT UNSIGNED")
        .column("c_bigint", "BIGINT")
        .column("c_bigint_u", "BIGINT UNSIGNED")
        .column("c_decimal", "DECIMAL(20,6)")
        .column("c_decimal0", "DECIMAL(5,0)")
        .column("c_float", "FLOAT")
        .column("c_double", "DOUBLE")
        .column("c_bool", "BOOLEAN")
        .column("c_char", "CHAR(10)")
        .column("c_varchar", "VARCHAR(255)")
        .column("c_tinytext", "TINYTEXT")
        .column("c_text", "TEXT")
        .column("c_mediumtext", "MEDIUMTEXT")
        .column("c_longtext", "LONGTEXT")
        .column("c_tinyblob", "TINYBLOB")
        .column("c_blob", "BLOB")
        .column("c_mediumblob", "MEDIUMBLOB")
        .column("c_longblob", "LONGBLOB")
        .column("c_binary", "BINARY(8)")
        .column("c_varbinary", "VARBINARY(64)")
        .column("c_date", "DATE")
        .column("c_time", "TIME")
        .column("c_time6", "TIME(6)")
        .column("c_datetime", "DATETIME")
        .column("c_datetime6", "DATETIME(6)")
        .column("c_timestamp", "TIMESTAMP")
        .column("c_timestamp6", "TIMESTAMP(6)")
        .column("c_year", "YEAR")
        .column("c_enum", "ENUM('small','medium','large')")
        .column("c_set", "SET('red','green','blue')")
        .column("c_bit1", "BIT(1)")
        .column("c_bit12", "BIT(12)")
        .column("c_bit64", "BIT(64)")
        .column("c_json", "JSON")
        .build();
  }

  private static Map<String, Object> ordinaryRow() {
    return row(
        "c_tinyint",
        -5,
        "c_tinyint_u",
        5,
        "c_smallint",
        -300,
        "c_smallint_u",
        300,
        "c_mediumint",
        -70000,
        "c_mediumint_u",
        70000,
        "c_int",
        -123456,
        "c_int_u",
        123456,
        "c_bigint",
        -9876543210L,
        "c_bigint_u",
        9876543210L,
        "c_decimal",
        new BigDecimal("12345.678901"),
        "c_decimal0",
        42,
        "c_float",
        3.14f,
        "c_double",
        2.718281828459045,
        "c_bool",
        true,
        "c_char",
        "abc",
        "c_varchar",
        "hello world",
        "c_tinytext",
        "tiny",
        "c_text",
        "some text",
        "c_mediumtext",
        "medium text",
        "c_longtext",
        "long text",
        "c_tinyblob",
        hex("00010203"),
        "c_blob",
        hex("DEADBEEF"),
        "c_mediumblob",
        hex("CAFEBABE"),
        "c_longblob",
        hex("0102"),
        "c_binary",
        "bin",
        "c_varbinary",
        hex("000102FF"),
        "c_date",
        LocalDate.parse("2024-02-29"),
        "c_time",
        Duration.parse("PT13H45M30S"),
        "c_time6",
        Duration.parse("-PT838H59M59S"),
        "c_datetime",
        LocalDateTime.parse("2024-01-02T03:04:05"),
        "c_datetime6",
        LocalDateTime.parse("2024-01-02T03:04:05.123456"),
        "c_timestamp",
        Instant.parse("2024-01-02T03:04:05Z"),
        "c_timestamp6",
        Instant.parse("2024-01-02T03:04:05.654321Z"),
        "c_year",
        2024,
        "c_enum",
        "medium",
        "c_set",
        "red,blue",
        "c_bit1",
        1L,
        "c_bit12",
        0b101010101010L,
        "c_bit64",
        new BigInteger("8000000000000001", 16),
        "c_json",
        "{\"k\": \"v\", \"n\": [1, 2, 3], \"u\": \"é\"}");
  }

  private static Map<String, Object> minimumRow() {
    return row(
        "c_tinyint",
        -128,
        "c_tinyint_u",
        0,
        "c_smallint",
        -32768,
        "c_smallint_u",
        0,
        "c_mediumint",
        -8388608,
        "c_mediumint_u",
        0,
        "c_int",
        Integer.MIN_VALUE,
        "c_int_u",
        0,
        "c_bigint",
        Long.MIN_VALUE,
        "c_bigint_u",
        0,
        "c_decimal",
        new BigDecimal("-99999999999999.999999"),
        "c_decimal0",
        -99999,
        "c_float",
        -3.40282e38f,
        "c_double",
        -1.7976931348623157e308,
        "c_bool",
        false,
        "c_char",
        "",
        "c_varchar",
        "",
        "c_tinytext",
        "",
        "c_text",
        "",
        "c_mediumtext",
        "",
        "c_longtext",
        "",
        "c_tinyblob",
        new byte[0],
        "c_blob",
        new byte[0],
        "c_mediumblob",
        new byte[0],
        "c_longblob",
        new byte[0],
        "c_binary",
        new byte[8],
        "c_varbinary",
        new byte[0],
        "c_date",
        LocalDate.parse("1000-01-01"),
        "c_time",
        Duration.ZERO,
        "c_time6",
        Duration.ofNanos(1000),
        "c_datetime",
        LocalDateTime.parse("1000-01-01T00:00:00"),
        "c_datetime6",
        LocalDateTime.parse("1000-01-01T00:00:00"),
        "c_timestamp",
        Instant.ofEpochSecond(1),
        "c_timestamp6",
        Instant.ofEpochSecond(1),
        "c_year",
        1901,
        "c_enum",
        "small",
        "c_set",
        "",
        "c_bit1",
        0L,
        "c_bit12",
        0L,
        "c_bit64",
        0L,
        "c_json",
        "[]");
  }

  private static Map<String, Object> maximumRow() {
    return row(
        "c_tinyint",
        127,
        "c_tinyint_u",
        255,
        "c_smallint",
        32767,
        "c_smallint_u",
        65535,
        "c_mediumint",
        8388607,
        "c_mediumint_u",
        16777215,
        "c_int",
        Integer.MAX_VALUE,
        "c_int_u",
        4294967295L,
        "c_bigint",
        Long.MAX_VALUE,
        "c_bigint_u",
        new BigInteger("18446744073709551615"),
        "c_decimal",
        new BigDecimal("99999999999999.999999"),
        "c_decimal0",
        99999,
        "c_float",
        3.40282e38f,
        "c_double",
        1.7976931348623157e308,
        "c_bool",
        true,
        "c_char",
        "ZZZZZZZZZZ",
        "c_varchar",
        "x".repeat(255),
        "c_tinytext",
        "t".repeat(255),
        "c_text",
        "T".repeat(1000),
        "c_mediumtext",
        "m",
        "c_longtext",
        "l",
        "c_tinyblob",
        hex("FF"),
        "c_blob",
        hex("FFFE"),
        "c_mediumblob",
        hex("FF"),
        "c_longblob",
        hex("FF"),
        "c_binary",
        hex("FFFFFFFFFFFFFFFF"),
        "c_varbinary",
        hex("FF"),
        "c_date",
        LocalDate.parse("9999-12-31"),
        "c_time",
        Duration.parse("PT838H59M59S"),
        "c_time6",
        Duration.parse("PT838H59M59.999999S"),
        "c_datetime",
        LocalDateTime.parse("9999-12-31T23:59:59"),
        "c_datetime6",
        LocalDateTime.parse("9999-12-31T23:59:59.999999"),
        "c_timestamp",
        Instant.parse("2038-01-19T03:14:07Z"),
        "c_timestamp6",
        Instant.parse("2038-01-19T03:14:07.999999Z"),
        "c_year",
        2155,
        "c_enum",
        "large",
        "c_set",
        "red,green,blue",
        "c_bit1",
        1L,
        "c_bit12",
        0xFFFL,
        "c_bit64",
        -1L,
        "c_json",
        "{\"nested\": {\"a\": null, \"b\": true, \"c\": 1.5e10}}");
  }
}
