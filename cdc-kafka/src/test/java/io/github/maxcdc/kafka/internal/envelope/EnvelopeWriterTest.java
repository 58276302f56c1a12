package io.github.maxcdc.kafka.internal.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The envelope contract byte for byte (README, "Publish to keyed topics"): an insert, an update and
 * a delete of {@code shop_tx.commandes}, an update that changes the key, an untrusted value, the
 * schema, position and topic names.
 */
class EnvelopeWriterTest {
  static final TableId COMMANDES = new TableId("shop_tx", "commandes");
  static final TableSchema SCHEMA =
      new TableSchema(
          COMMANDES,
          1,
          Gtid.parse("0-1-2"),
          List.of(
              column("id", 0, ColumnType.INT, "int", WireType.INT),
              column("client", 1, ColumnType.VARCHAR, "varchar", WireType.STRING),
              new Column(
                  "montant",
                  2,
                  ColumnType.DECIMAL,
                  "decimal",
                  false,
                  WireType.DOUBLE,
                  Set.of(Caveat.DECIMAL_AS_DOUBLE),
                  "decimal(10,2)"),
              column("statut", 3, ColumnType.VARCHAR, "varchar", WireType.STRING),
              column("date_creation", 4, ColumnType.DATETIME, "datetime", WireType.STRING),
              column("photo", 5, ColumnType.BLOB, "blob", WireType.BYTES)),
          true);
  static final Instant COMMIT = Instant.parse("2023-11-14T22:15:05Z");
  static final long PUBLISHED = 1_700_000_000_123L;

  final EnvelopeWriter writer = new EnvelopeWriter();

  @Test
  void insertUpdateDelete() {
    Row paid = row(1, "Alice Martin", "125.50", "PAYEE", new byte[] {(byte) 0xff, 0, 1});
    Row fresh = row(1, "Alice Martin", "120.50", "NOUVELLE", null);
    List<Column> key = List.of(SCHEMA.column(0));

    List<EnvelopeRecord> insert =
        writer.encode(new Insert(SCHEMA, Gtid.parse("0-1-7"), 1, COMMIT, fresh), key, PUBLISHED);
    assertEquals(1, insert.size());
    assertEquals("{\"id\":1}", text(insert.get(0).key()));
    assertEquals(
        "{\"before\":null,\"after\":{\"id\":1,\"client\":\"Alice Martin\",\"montant\":120.50,"
            + "\"statut\":\"NOUVELLE\",\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":null},"
            + "\"op\":\"c\",\"source\":{\"connector\":\"maxcdc\",\"db\":\"shop_tx\","
            + "\"table\":\"commandes\",\"gtid\":\"0-1-7\",\"event_number\":1,"
            + "\"position\":\"0-1-7:1\",\"schema_version\":1,\"ts_ms\":1700000105000},"
            + "\"ts_ms\":1700000000123}",
        text(insert.get(0).value()));

    List<EnvelopeRecord> update =
        writer.encode(
            new Update(SCHEMA, Gtid.parse("0-1-8"), 2, 3, COMMIT, fresh, paid), key, PUBLISHED);
    assertEquals(1, update.size());
    assertEquals(EnvelopeOp.UPDATE, update.get(0).op());
    assertEquals("{\"id\":1}", text(update.get(0).key()));
    assertEquals(
        "{\"before\":{\"id\":1,\"client\":\"Alice Martin\",\"montant\":120.50,"
            + "\"statut\":\"NOUVELLE\",\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":null},"
            + "\"after\":{\"id\":1,\"client\":\"Alice Martin\",\"montant\":125.50,"
            + "\"statut\":\"PAYEE\",\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":\"/wAB\"},"
            + "\"op\":\"u\",\"source\":{\"connector\":\"maxcdc\",\"db\":\"shop_tx\","
            + "\"table\":\"commandes\",\"gtid\":\"0-1-8\",\"event_number\":2,"
            + "\"position\":\"0-1-8:3\",\"schema_version\":1,\"ts_ms\":1700000105000},"
            + "\"ts_ms\":1700000000123}",
        text(update.get(0).value()));

    List<EnvelopeRecord> delete =
        writer.encode(new Delete(SCHEMA, Gtid.parse("0-1-9"), 1, COMMIT, paid), key, PUBLISHED);
    assertEquals("{\"id\":1}", text(delete.get(0).key()));
    assertEquals(
        "{\"before\":{\"id\":1,\"client\":\"Alice Martin\",\"montant\":125.50,"
            + "\"statut\":\"PAYEE\",\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":\"/wAB\"},"
            + "\"after\":null,\"op\":\"d\",\"source\":{\"connector\":\"maxcdc\","
            + "\"db\":\"shop_tx\",\"table\":\"commandes\",\"gtid\":\"0-1-9\",\"event_number\":1,"
            + "\"position\":\"0-1-9:1\",\"schema_version\":1,\"ts_ms\":1700000105000},"
            + "\"ts_ms\":1700000000123}",
        text(delete.get(0).value()));
  }

  @Test
  void anUpdateOfTheKeyIsADeleteThenAnInsertWithTheSameSource() {
    Row before = row(1, "A", "1.00", "X", null);
    Row after = row(2, "A", "1.00", "X", null);
    List<EnvelopeRecord> records =
        writer.encode(
            new Update(SCHEMA, Gtid.parse("0-1-8"), 4, 5, COMMIT, before, after),
            List.of(SCHEMA.column(0), SCHEMA.column(1)),
            PUBLISHED);
    assertEquals(2, records.size());
    assertEquals(EnvelopeOp.DELETE, records.get(0).op());
    assertEquals("{\"id\":1,\"client\":\"A\"}", text(records.get(0).key()));
    assertEquals(EnvelopeOp.CREATE, records.get(1).op());
    assertEquals("{\"id\":2,\"client\":\"A\"}", text(records.get(1).key()));
    String source =
        "\"source\":{\"connector\":\"maxcdc\",\"db\":\"shop_tx\",\"table\":\"commandes\","
            + "\"gtid\":\"0-1-8\",\"event_number\":4,\"position\":\"0-1-8:5\","
            + "\"schema_version\":1,\"ts_ms\":1700000105000}";
    assertEquals(
        "{\"before\":{\"id\":1,\"client\":\"A\",\"montant\":1.00,\"statut\":\"X\","
            + "\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":null},\"after\":null,"
            + "\"op\":\"d\","
            + source
            + ",\"ts_ms\":1700000000123}",
        text(records.get(0).value()));
    assertEquals(
        "{\"before\":null,\"after\":{\"id\":2,\"client\":\"A\",\"montant\":1.00,\"statut\":\"X\","
            + "\"date_creation\":\"2023-11-14T22:15:01\",\"photo\":null},\"op\":\"c\","
            + source
            + ",\"ts_ms\":1700000000123}",
        text(records.get(1).value()));
  }

  @Test
  void untrustedValuesAreFlaggedAsInChangeLines() {
    Object[] values = {7, "B", new BigDecimal("12345678901234567.00"), "X", null, null};
    Fidelity[] fidelity = new Fidelity[6];
    java.util.Arrays.fill(fidelity, Fidelity.EXACT);
    fidelity[2] = Fidelity.INEXACT;
    fidelity[5] = Fidelity.UNAVAILABLE;
    Row row = Row.of(SCHEMA, values, values, fidelity);
    byte[] value =
        writer
            .encode(
                new Insert(SCHEMA, Gtid.parse("0-1-7"), 1, COMMIT, row),
                List.of(SCHEMA.column(0)),
                PUBLISHED)
            .get(0)
            .value();
    String text = text(value);
    assertEquals(
        ",\"untrusted\":{\"after\":{\"montant\":\"inexact\",\"photo\":\"unavailable\"}},"
            + "\"ts_ms\":1700000000123}",
        text.substring(text.indexOf(",\"untrusted\"")));
  }

  @Test
  void schemaPositionAndTopics() {
    assertEquals("shop_tx.commandes:1", text(EnvelopeWriter.schemaKey(SCHEMA)));
    String schema = text(EnvelopeWriter.schemaValue(SCHEMA));
    assertEquals(
        "{\"type\":\"schema\",\"table\":\"shop_tx.commandes\",\"version\":1,"
            + "\"ddl_gtid\":\"0-1-2\",\"real_types_known\":true,\"columns\":[{\"name\":\"id\","
            + "\"type\":\"INT\",\"real_type\":\"int\",\"unsigned\":false,\"wire_type\":\"int\","
            + "\"caveats\":[]},",
        schema.substring(0, schema.indexOf("},") + 2));
    assertEquals('}', schema.charAt(schema.length() - 1));
    assertEquals("shop_tx.commandes", text(EnvelopeWriter.positionKey("shop_tx.commandes")));
    assertEquals(
        "{\"table\":\"shop_tx.commandes\",\"position\":\"0-1-7:3\",\"source_offset\":null}",
        text(
            EnvelopeWriter.positionValue(
                COMMANDES, new StreamPosition(Gtid.parse("0-1-7"), 3, null))));
    assertEquals(
        "{\"table\":\"shop_tx.commandes\",\"position\":\"0-1-7:3\",\"source_offset\":\"0:12\"}",
        text(
            EnvelopeWriter.positionValue(
                COMMANDES, new StreamPosition(Gtid.parse("0-1-7"), 3, "0:12"))));
    assertEquals("maxcdc.shop_tx.commandes", EnvelopeWriter.changeTopic("maxcdc", COMMANDES));
    assertEquals("maxcdc.maxcdc.schemas", EnvelopeWriter.schemasTopic("maxcdc"));
    assertEquals("maxcdc.maxcdc.positions", EnvelopeWriter.positionsTopic("maxcdc"));
  }

  private static Row row(int id, String client, String montant, String statut, byte[] photo) {
    Object[] values = {
      id, client, new BigDecimal(montant), statut, LocalDateTime.parse("2023-11-14T22:15:01"), photo
    };
    return Row.of(SCHEMA, values, values, null);
  }

  private static Column column(String name, int index, ColumnType type, String real, WireType w) {
    return new Column(name, index, type, real, false, w, Set.of());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
