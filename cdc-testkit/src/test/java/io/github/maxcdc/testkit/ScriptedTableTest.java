package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row state, transactions, GTIDs and table versions of the scripted source. */
class ScriptedTableTest {
  private final SettableClock clock = new SettableClock();
  private FakeMaxScale server;
  private ScriptedTable items;

  @BeforeEach
  void start() {
    clock.set(1_700_000_000L);
    server = FakeMaxScale.builder().clock(clock).gtidDomain(3).serverId(7).build();
    items =
        server.createTable(
            "shop",
            "items",
            TableDefinition.builder()
                .column("id", "BIGINT")
                .autoIncrement("id")
                .primaryKey("id")
                .column("name", "VARCHAR(40)")
                .column("qty", "INT", 1)
                .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String f(String row, String field) {
    return JsonStream.field(row, field);
  }

  /** The column field names of a schema line, in order (the six CDC fields left out). */
  private static List<String> fieldNames(String schema) {
    List<String> names = new java.util.ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\{\"name\":\"([^\"]+)\",\"type\":\\[").matcher(schema);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void gtidsCountEveryStatementAndEventsAreNumberedAcrossTables() throws IOException {
    ScriptedTable other =
        server.createTable("shop", "other", TableDefinition.builder().column("x", "INT").build());
    server.transaction(
        tx -> {
          tx.insert(items, Map.of("name", "a"));
          tx.insert(other, Map.of("x", 1));
          tx.insert(items, Map.of("name", "b", "qty", 5));
        });
    assertEquals("3-7-3", server.lastGtid().orElseThrow());
    List<String> rows = JsonStream.lines(server, "shop.items", 3);
    assertEquals("3", f(rows.get(1), "sequence"));
    assertEquals("1", f(rows.get(1), "event_number"));
    assertEquals("3", f(rows.get(2), "event_number"));
    assertEquals("7", f(rows.get(2), "server_id"));
    assertEquals("3", f(rows.get(2), "domain"));
    assertEquals("2", f(rows.get(2), "id"));
    assertEquals("1", f(rows.get(1), "qty"));
    assertEquals("2", f(JsonStream.lines(server, "shop.other", 2).get(1), "event_number"));
  }

  @Test
  void updatesCarryFullImagesAndUnchangedRowsGiveNothing() throws IOException {
    items.insert(Map.of("name", "a", "qty", 2));
    assertEquals(0, items.update(Map.of("id", 1), Map.of("qty", 2)));
    assertEquals(0, items.update(Map.of("id", 42), Map.of("qty", 3)));
    String gtid = server.lastGtid().orElseThrow();
    clock.set(1_700_000_123L);
    assertEquals(1, items.update(Map.of("name", "a"), Map.of("qty", 3)));
    assertEquals(1, items.delete(Map.of("id", 1L)));
    List<String> rows = JsonStream.lines(server, "shop.items", 5);
    assertEquals("\"update_before\"", f(rows.get(2), "event_type"));
    assertEquals("2", f(rows.get(2), "qty"));
    assertEquals("\"a\"", f(rows.get(3), "name"));
    assertEquals("3", f(rows.get(3), "qty"));
    assertEquals("1700000123", f(rows.get(3), "timestamp"));
    assertEquals("\"delete\"", f(rows.get(4), "event_type"));
    assertEquals("3", f(rows.get(4), "qty"));
    assertTrue(gtid.endsWith("-2"), gtid);
  }

  @Test
  void aLimitChangesOneOfSeveralIdenticalRowsOfATableWithoutKey() throws IOException {
    ScriptedTable nopk =
        server.createTable(
            "shop",
            "nopk",
            TableDefinition.builder().column("a", "INT").column("b", "VARCHAR(10)").build());
    server.transaction(
        tx -> {
          tx.insert(nopk, Map.of("a", 1, "b", "one"));
          tx.insert(nopk, Map.of("a", 1, "b", "one"));
          tx.insert(nopk, Map.of("a", 2, "b", "two"));
        });
    assertEquals(1, nopk.update(Map.of("a", 1), Map.of("b", "uno"), 1));
    // LIMIT counts the rows matched: the first row matches and is left as it is
    assertEquals(0, nopk.update(Map.of("a", 1), Map.of("b", "uno"), 1));
    server.transaction(tx -> assertEquals(1, tx.delete(nopk, Map.of("a", 1), 1)));
    assertEquals(1, nopk.delete(Map.of("b", "one"), 5));
    assertThrows(IllegalArgumentException.class, () -> nopk.delete(Map.of(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> server.transaction(tx -> tx.update(nopk, Map.of(), Map.of("a", 3), 0)));
    List<String> rows = JsonStream.lines(server, "shop.nopk", 8);
    assertEquals("\"update_before\"", f(rows.get(4), "event_type"));
    assertEquals("\"uno\"", f(rows.get(5), "b"));
    assertEquals("\"delete\"", f(rows.get(6), "event_type"));
    assertEquals("\"uno\"", f(rows.get(6), "b"));
    assertEquals("\"one\"", f(rows.get(7), "b"));
    assertEquals(1, nopk.delete(Map.of(), 1), "one row is left");
    assertEquals(0, nopk.delete(Map.of(), 1));
  }

  @Test
  void aFailingTransactionLeavesNoTrace() throws IOException {
    items.insert(Map.of("name", "kept"));
    String before = server.lastGtid().orElseThrow();
    assertThrows(
        IllegalStateException.class,
        () ->
            server.transaction(
                tx -> {
                  tx.insert(items, Map.of("name", "lost"));
                  tx.delete(items, Map.of());
                  throw new IllegalStateException("boom");
                }));
    assertThrows(
        IllegalArgumentException.class, () -> items.insert(Map.of("id", 1, "name", "duplicate")));
    assertThrows(IllegalArgumentException.class, () -> items.insert(Map.of("nope", 1)));
    assertThrows(
        IllegalStateException.class, () -> server.transaction(tx -> items.addColumn("c", "INT")));
    assertEquals(before, server.lastGtid().orElseThrow());
    items.insert(Map.of("name", "next"));
    List<String> rows = JsonStream.lines(server, "shop.items", 3);
    assertEquals("\"kept\"", f(rows.get(1), "name"));
    assertEquals(
        "2", f(rows.get(2), "id"), "the rolled back insert's auto-increment value is reused");
  }

  @Test
  void alterBeforeTheFirstRowKeepsVersionOne() throws IOException {
    items.addColumn("note", "TEXT", "n/a");
    assertEquals(1, items.version());
    items.insert(Map.of("name", "a"));
    List<String> lines = JsonStream.lines(server, "shop.items", 2);
    assertTrue(lines.get(0).contains("\"version\":1,\"gtid\":\"3-7-1\""), lines.get(0));
    assertEquals("\"n/a\"", f(lines.get(1), "note"));
  }

  @Test
  void alterAfterRowsStartsANewVersionOnceItHasARow() throws IOException {
    items.insert(Map.of("name", "a"));
    items.addColumn("color", "ENUM('red','blue')", "blue");
    assertEquals(2, items.version());
    try (RawClient c = new RawClient(server)) {
      c.handshake(true);
      c.sendExpect(
          "REQUEST-DATA shop.items.000002",
          "ERR NO-FILE File 'shop.items.000002.avro' not found.\n");
    }
    items.update(Map.of("id", 1), Map.of("color", "red"));
    items.dropColumn("qty");
    items.insert(Map.of("name", "b"));
    List<String> lines = JsonStream.lines(server, "shop.items", 7);
    assertTrue(lines.get(2).contains("\"version\":2,\"gtid\":\"3-7-3\""), lines.get(2));
    assertEquals("\"02\"", f(lines.get(3), "color"));
    assertEquals("\"01\"", f(lines.get(4), "color"));
    assertTrue(
        lines.get(5).contains("\"version\":3,\"gtid\":\"3-7-5\"") && !lines.get(5).contains("qty"));
    assertEquals("\"b\"", f(lines.get(6), "name"));
    assertThrows(IllegalArgumentException.class, () -> items.dropColumn("id"));
    assertThrows(IllegalArgumentException.class, () -> items.addColumn("name", "INT"));
  }

  @Test
  void aRenamedColumnKeepsItsPlaceTypeAndValues() throws IOException {
    items.insert(Map.of("name", "a", "qty", 2));
    items.renameColumn("name", "label");
    items.update(Map.of("id", 1), Map.of("qty", 3));
    List<String> lines = JsonStream.lines(server, "shop.items", 5);
    assertTrue(lines.get(2).contains("\"version\":2"), lines.get(2));
    assertEquals(List.of("id", "label", "qty"), fieldNames(lines.get(2)));
    assertEquals("\"a\"", f(lines.get(3), "label"));
    assertEquals("3", f(lines.get(4), "qty"));
    String gtid = server.lastGtid().orElseThrow();
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> items.renameColumn("name", "x"));
    assertEquals("unknown column 'name' in table shop.items", unknown.getMessage());
    IllegalArgumentException taken =
        assertThrows(IllegalArgumentException.class, () -> items.renameColumn("label", "QTY"));
    assertEquals("duplicate column name 'QTY' in shop.items", taken.getMessage());
    assertThrows(IllegalArgumentException.class, () -> items.renameColumn("label", " "));
    assertEquals(gtid, server.lastGtid().orElseThrow(), "a failed ALTER uses no GTID");
    assertEquals(2, items.version());
  }

  @Test
  void aModifiedColumnKeepsItsValuesWhenTheyFit() throws IOException {
    items.insert(Map.of("name", "a", "qty", 300));
    String gtid = server.lastGtid().orElseThrow();
    IllegalArgumentException narrow =
        assertThrows(IllegalArgumentException.class, () -> items.modifyColumn("qty", "TINYINT"));
    assertEquals(
        "cannot change column 'qty' of shop.items to TINYINT: the stored value 300 at row 1 does"
            + " not fit (out of range: 300 not in [-128, 127])",
        narrow.getMessage());
    IllegalArgumentException date =
        assertThrows(IllegalArgumentException.class, () -> items.modifyColumn("name", "DATE"));
    assertTrue(date.getMessage().contains("the stored value 'a' at row 1"), date.getMessage());
    assertThrows(IllegalArgumentException.class, () -> items.modifyColumn("nope", "INT"));
    assertThrows(IllegalArgumentException.class, () -> items.modifyColumn("qty", "NUMBER"));
    assertEquals(gtid, server.lastGtid().orElseThrow(), "a failed ALTER uses no GTID");
    items.modifyColumn("qty", "SMALLINT UNSIGNED");
    items.insert(Map.of("name", "b"));
    items.modifyColumn("qty", "VARCHAR(5)");
    items.update(Map.of("id", 1), Map.of("name", "c"));
    List<String> lines = JsonStream.lines(server, "shop.items", 7);
    assertTrue(lines.get(2).contains("\"real_type\":\"SMALLINT\",\"length\":-1,\"unsigned\":true"));
    assertEquals("null", f(lines.get(3), "qty"), "MODIFY drops the default the column had");
    assertTrue(lines.get(4).contains("\"version\":3") && lines.get(4).contains("\"VARCHAR\""));
    assertEquals("\"300\"", f(lines.get(5), "qty"), "a number stored in a text column");
  }

  @Test
  void aColumnAddedAtAPositionGivesStoredRowsItsDefault() throws IOException {
    items.insert(Map.of("name", "a", "qty", 2));
    items.addColumns(
        ColumnSpec.of("price", "DECIMAL(8,2)").defaultValue("1.25").after("name"),
        ColumnSpec.of("code", "CHAR(3)").first(),
        ColumnSpec.of("unit", "VARCHAR(5)").defaultValue("pc").after("price"));
    assertEquals("3-7-3", server.lastGtid().orElseThrow(), "one statement, one GTID");
    items.update(Map.of("id", 1), Map.of("qty", 3));
    List<String> lines = JsonStream.lines(server, "shop.items", 5);
    String schema = lines.get(2);
    assertTrue(schema.contains("\"version\":2,\"gtid\":\"3-7-3\""), schema);
    List<String> order = List.of("code", "id", "name", "price", "unit", "qty");
    assertEquals(order, fieldNames(schema));
    assertEquals("1.25", f(lines.get(3), "price"));
    assertEquals("\"pc\"", f(lines.get(3), "unit"));
    assertEquals("null", f(lines.get(3), "code"));
    assertThrows(
        IllegalArgumentException.class,
        () -> items.addColumn(ColumnSpec.of("x", "INT").after("nope")));
    assertThrows(IllegalArgumentException.class, () -> items.addColumns());
    assertThrows(
        IllegalArgumentException.class,
        () -> ColumnSpec.of("x", "INT").defaultValue("not a number"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TableDefinition.builder().column(ColumnSpec.of("x", "INT").first()));
    assertEquals("3-7-4", server.lastGtid().orElseThrow());
  }

  @Test
  void aChangedKeyColumnKeepsItsRoles() throws IOException {
    items.insert(Map.of("name", "a"));
    items.changeColumn("id", ColumnSpec.of("item_id", "INT").after("qty"));
    items.insert(Map.of("name", "b"));
    assertThrows(IllegalArgumentException.class, () -> items.insert(Map.of("item_id", 2)));
    assertEquals(1, items.delete(Map.of("item_id", 1)));
    IllegalArgumentException text =
        assertThrows(
            IllegalArgumentException.class, () -> items.modifyColumn("item_id", "VARCHAR(9)"));
    assertEquals(
        "AUTO_INCREMENT column 'item_id' of shop.items must have an integer type, not VARCHAR(9)",
        text.getMessage());
    assertThrows(IllegalArgumentException.class, () -> items.dropColumn("item_id"));
    List<String> lines = JsonStream.lines(server, "shop.items", 5);
    assertEquals(List.of("name", "qty", "item_id"), fieldNames(lines.get(2)));
    assertEquals("2", f(lines.get(3), "item_id"));
    assertEquals("\"delete\"", f(lines.get(4), "event_type"));
  }

  private static Object twice(Map<String, Object> row) {
    Long qty = (Long) row.get("qty");
    return qty == null ? null : qty * 2;
  }

  @Test
  void generatedColumnsAreComputedOnEveryInsertAndUpdateAndForStoredRows() throws IOException {
    items.insert(Map.of("name", "a", "qty", 2));
    items.addColumns(
        ColumnSpec.of("twice", "INT").generatedStored(ScriptedTableTest::twice),
        ColumnSpec.of("big", "BOOLEAN").generatedVirtual(row -> (Long) row.get("twice") > 100));
    items.update(Map.of("id", 1), Map.of("qty", 3));
    items.insert(Map.of("name", "b", "qty", 60));
    server.transaction(tx -> tx.update(items, Map.of("twice", 120), Map.of("name", "B")));
    List<String> lines = JsonStream.lines(server, "shop.items", 8);
    assertEquals(List.of("id", "name", "qty", "twice", "big"), fieldNames(lines.get(2)));
    assertEquals("4", f(lines.get(3), "twice"), "the stored row got its value with the column");
    assertEquals("0", f(lines.get(3), "big"));
    assertEquals("6", f(lines.get(4), "twice"));
    assertEquals("120", f(lines.get(5), "twice"));
    assertEquals("1", f(lines.get(5), "big"));
    assertEquals("\"B\"", f(lines.get(7), "name"));
    assertEquals("120", f(lines.get(7), "twice"));
  }

  @Test
  void generatedColumnsRefuseValuesAndChangesThatBreakTheirExpression() {
    items.insert(Map.of("name", "a", "qty", 2));
    items.addColumns(
        ColumnSpec.of("twice", "TINYINT").generatedStored(ScriptedTableTest::twice),
        ColumnSpec.of("half", "INT").generatedVirtual(row -> (Long) row.get("qty") / 2));
    String gtid = server.lastGtid().orElseThrow();
    IllegalArgumentException insert =
        assertThrows(
            IllegalArgumentException.class, () -> items.insert(Map.of("name", "b", "twice", 4)));
    assertEquals(
        "column 'twice' of shop.items is generated (STORED): its value is computed, an insert or"
            + " update cannot set it",
        insert.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> items.update(Map.of("id", 1), Map.of("twice", 4)));
    IllegalArgumentException drop =
        assertThrows(IllegalArgumentException.class, () -> items.dropColumn("qty"));
    assertEquals(
        "generated column 'twice' of shop.items: reads unknown column 'qty'", drop.getMessage());
    assertThrows(IllegalArgumentException.class, () -> items.renameColumn("qty", "quantity"));
    IllegalArgumentException range =
        assertThrows(IllegalArgumentException.class, () -> items.insert(Map.of("qty", 64)));
    assertTrue(
        range.getMessage().startsWith("generated column 'twice' of shop.items: its value does not"),
        range.getMessage());
    Map<String, Object> noQty = new HashMap<>();
    noQty.put("qty", null);
    IllegalArgumentException npe =
        assertThrows(IllegalArgumentException.class, () -> items.insert(noQty));
    assertTrue(
        npe.getMessage()
            .startsWith(
                "generated column 'half' of shop.items: its expression threw"
                    + " java.lang.NullPointerException"),
        npe.getMessage());
    IllegalArgumentException withDefault =
        assertThrows(
            IllegalArgumentException.class,
            () -> ColumnSpec.of("x", "INT").defaultValue(1).generatedVirtual(row -> 1));
    assertEquals("column 'x': a generated column cannot have a DEFAULT", withDefault.getMessage());
    assertEquals(gtid, server.lastGtid().orElseThrow(), "refused statements use no GTID");
  }

  @Test
  void anInvisibleColumnIsStreamedAndTakesItsDefault() throws IOException {
    items.insert(Map.of("name", "a"));
    items.addColumn(ColumnSpec.of("origin", "CHAR(2)").invisible().defaultValue("FR"));
    items.insert(Map.of("name", "b"));
    items.insert(Map.of("name", "c", "origin", "DE"));
    items.delete(Map.of("id", 1));
    List<String> lines = JsonStream.lines(server, "shop.items", 6);
    assertEquals(List.of("id", "name", "qty", "origin"), fieldNames(lines.get(2)));
    assertEquals("\"FR\"", f(lines.get(3), "origin"));
    assertEquals("\"DE\"", f(lines.get(4), "origin"));
    assertEquals("\"FR\"", f(lines.get(5), "origin"), "the stored row took the default");
    assertThrows(
        IllegalStateException.class,
        () -> TableDefinition.builder().column(ColumnSpec.of("x", "INT").invisible()).build());
  }

  @Test
  void transactionsLargerThanAnAvroBlockAreSplitLikeAvroC() throws IOException {
    server.transaction(
        tx -> {
          for (int i = 0; i < 400; i++) {
            tx.insert(items, Map.of("name", "row number " + i + " " + "x".repeat(20)));
          }
        });
    List<String> lines = JsonStream.lines(server, "shop.items", 401);
    assertEquals("400", f(lines.get(400), "id"));
    assertEquals("400", f(lines.get(400), "event_number"));
    try (RawClient c = new RawClient(server)) {
      c.handshake(false);
      c.send("REQUEST-DATA shop.items");
      AvroSegments s = new AvroSegments(c.input());
      assertTrue(s.next().header());
      int records = 0;
      int blocks = 0;
      while (records < 400) {
        AvroSegments.Segment b = s.next();
        records += b.records();
        blocks++;
        assertTrue(b.bytes().length < 16 * 1024 + 64);
      }
      assertTrue(blocks > 1, "blocks: " + blocks);
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            server
                .createTable("shop", "big", TableDefinition.builder().column("b", "BLOB").build())
                .insert(Map.of("b", new byte[20_000])));
  }

  @Test
  void exportedFilesServeTheSameStream(@TempDir Path dir) throws IOException {
    items.insert(Map.of("name", "a"));
    items.addColumn("extra", "DATE");
    items.insert(Map.of("name", "b"));
    List<String> scripted = JsonStream.lines(server, "shop.items", 4);
    server.exportAvroDirectory(dir);
    try (FakeMaxScale files = FakeMaxScale.builder().avroDirectory(dir).build()) {
      assertEquals(scripted, JsonStream.lines(files, "shop.items", 4));
    }
  }

  @Test
  void aSeekBeyondTheEndWaitsForTheGtidToBeWritten() throws IOException {
    items.insert(Map.of("name", "old"));
    try (RawClient c = new RawClient(server)) {
      c.handshake(true);
      c.send("REQUEST-DATA shop.items 3-7-4");
      assertTrue(c.readLine().startsWith("{\"namespace\""));
      c.expectSilence();
      items.insert(Map.of("name", "skipped")); // 3-7-3
      items.insert(Map.of("name", "wanted")); // 3-7-4
      assertEquals("\"wanted\"", f(c.readLine(), "name"));
      items.insert(Map.of("name", "next"));
      assertEquals("\"next\"", f(c.readLine(), "name"));
    }
  }

  @Test
  void sequencesWrapInTheStreamButSeekingStillWorks() throws IOException {
    try (FakeMaxScale s = FakeMaxScale.builder().firstGtidSequence(2_147_483_647L).build()) {
      ScriptedTable t =
          s.createTable("db", "t", TableDefinition.builder().column("v", "INT").build());
      t.insert(Map.of("v", 1));
      t.insert(Map.of("v", 2));
      List<String> rows = JsonStream.lines(s, "db.t 0-1-2147483649", 3);
      assertEquals("-2147483648", f(rows.get(1), "sequence"));
      assertEquals("-2147483647", f(rows.get(2), "sequence"));
    }
  }

  @Test
  void deflateCodecReproducesMaxScalesCorruptAvroStream() throws IOException {
    SettableClock c = new SettableClock();
    try (FakeMaxScale deflate = FakeMaxScale.builder().clock(c).codec(AvroCodec.DEFLATE).build()) {
      new RecordedWorkload(deflate, c).phase1();
      byte[] recorded =
          AvroSegments.stripHandshake(Recording.builtInServerBytes("h_commandes_avro_deflate"));
      try (RawClient client = new RawClient(deflate)) {
        client.handshake(false);
        client.send("REQUEST-DATA shop_tx.commandes");
        byte[] got = client.read(recorded.length);
        client.expectSilence();
        byte[] ourSync = AvroSegments.parse(java.util.Arrays.copyOf(got, 796)).get(0).sync();
        byte[] theirSync = AvroSegments.parse(java.util.Arrays.copyOf(recorded, 796)).get(0).sync();
        assertArrayEquals(replace(recorded, theirSync, ourSync), got);
      }
      assertEquals(
          JsonStream.lines(deflate, "shop_tx.commandes", 19),
          new String(
                  AvroSegments.stripHandshake(Recording.builtInServerBytes("a_commandes_json")),
                  java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .toList());
    }
  }

  private static byte[] replace(byte[] data, byte[] from, byte[] to) {
    byte[] out = data.clone();
    for (int i = 0; i + from.length <= out.length; i++) {
      if (java.util.Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, out, i, to.length);
      }
    }
    return out;
  }

  @Test
  void concurrentStatementsFromSeveralThreadsGetDistinctGtids() throws Exception {
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      int n = i;
      threads[i] =
          new Thread(
              () -> {
                for (int k = 0; k < 25; k++) {
                  Map<String, Object> row = new HashMap<>();
                  row.put("name", "t" + n + "-" + k);
                  items.insert(row);
                }
              });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(10).toMillis());
    }
    assertEquals("3-7-101", server.lastGtid().orElseThrow());
    assertEquals("100", f(JsonStream.lines(server, "shop.items", 101).get(100), "id"));
  }
}
