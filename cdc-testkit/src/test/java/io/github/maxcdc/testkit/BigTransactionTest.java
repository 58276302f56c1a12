package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One source transaction of a million inserts (system property {@code maxcdc.bigtx.rows}): the
 * scripted table takes it without scanning its rows for every key, and serves it in bounded Avro
 * blocks in both formats, followed by small transactions that find their rows by key. Prints how
 * long the transaction took to script.
 */
class BigTransactionTest {
  static final int ROWS = Integer.getInteger("maxcdc.bigtx.rows", 1_000_000);
  static FakeMaxScale server;
  static ScriptedTable items;
  static String bigGtid;

  @BeforeAll
  static void scriptTheBigTransaction() {
    server = FakeMaxScale.builder().gtidDomain(0).serverId(1).build();
    items =
        server.createTable(
            "shop",
            "items",
            TableDefinition.builder()
                .column("id", "BIGINT")
                .primaryKey("id")
                .column("name", "VARCHAR(40)")
                .column("qty", "INT")
                .build());
    long start = System.nanoTime();
    server.transaction(
        tx -> {
          for (int i = 1; i <= ROWS; i++) {
            tx.insert(items, Map.of("id", i, "name", "item " + i, "qty", i % 1000));
          }
        });
    bigGtid = server.lastGtid().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "big transaction: %d rows scripted in %.1f s%n",
        ROWS,
        (System.nanoTime() - start) / 1e9);
    items.update(Map.of("id", ROWS / 2), Map.of("qty", 5000));
    items.delete(Map.of("id", 1));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void itIsStreamedInJsonRowByRowThenTheSmallTransactionsAfterIt() throws IOException {
    try (RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA shop.items");
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.input(), StandardCharsets.UTF_8), 1 << 16);
      in.readLine(); // the schema
      String line = null;
      for (int i = 1; i <= ROWS; i++) {
        line = in.readLine();
        if (i == 1 || i == ROWS) {
          assertEquals(String.valueOf(i), JsonStream.field(line, "id"));
          assertEquals(String.valueOf(i), JsonStream.field(line, "event_number"));
          assertEquals("\"insert\"", JsonStream.field(line, "event_type"));
        }
      }
      assertEquals("\"item " + ROWS + "\"", JsonStream.field(line, "name"));
      assertEquals(bigGtid.substring(bigGtid.lastIndexOf('-') + 1), seq(line));
      String before = in.readLine();
      String after = in.readLine();
      String deleted = in.readLine();
      assertEquals("\"update_before\"", JsonStream.field(before, "event_type"));
      assertEquals(String.valueOf(ROWS / 2 % 1000), JsonStream.field(before, "qty"));
      assertEquals("5000", JsonStream.field(after, "qty"));
      assertEquals("\"delete\"", JsonStream.field(deleted, "event_type"));
      assertEquals("\"item 1\"", JsonStream.field(deleted, "name"));
    }
  }

  private static String seq(String line) {
    return JsonStream.field(line, "sequence");
  }

  @Test
  void itIsStreamedInAvroAsManyBlocksOfBoundedSize() throws IOException {
    try (RawClient client = new RawClient(server)) {
      client.handshake(false);
      client.send("REQUEST-DATA shop.items");
      AvroSegments segments = new AvroSegments(new BufferedInputStream(client.input(), 1 << 16));
      long records = 0;
      int blocks = 0;
      int largest = 0;
      while (records < ROWS + 3L) {
        AvroSegments.Segment s = segments.next();
        if (s.header()) {
          continue;
        }
        records += s.records();
        blocks++;
        largest = Math.max(largest, s.bytes().length);
      }
      assertEquals(ROWS + 3L, records, "the big transaction's records, then 3 small ones");
      assertTrue(largest <= 16 * 1024 + 64, "largest block: " + largest + " bytes");
      assertTrue(blocks > ROWS / 1000, blocks + " blocks");
    }
  }

  @Test
  void keysStayUniqueAndTheirLookupsSeeEveryChange() {
    assertThrows(IllegalArgumentException.class, () -> items.insert(Map.of("id", ROWS)));
    assertEquals(0, items.update(Map.of("id", 1), Map.of("qty", 1)), "row 1 was deleted");
    assertThrows(
        IllegalArgumentException.class,
        () -> items.update(Map.of("id", 2), Map.of("id", 3)),
        "a new key that another row has");
    assertEquals(
        0,
        items.update(Map.of("id", 2, "qty", 999), Map.of("qty", 1)),
        "the key's row does not match the other columns");
    // a failed transaction leaves the index as it found it
    assertThrows(
        IllegalStateException.class,
        () ->
            server.transaction(
                tx -> {
                  tx.delete(items, Map.of("id", 3));
                  tx.insert(items, Map.of("id", ROWS + 1));
                  throw new IllegalStateException("rolled back");
                }));
    assertThrows(IllegalArgumentException.class, () -> items.insert(Map.of("id", 3)));
    items.insert(Map.of("id", ROWS + 1));
    assertEquals(1, items.delete(Map.of("id", ROWS + 1)));
  }
}
