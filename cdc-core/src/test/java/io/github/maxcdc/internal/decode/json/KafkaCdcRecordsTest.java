package io.github.maxcdc.internal.decode.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * KafkaCDC writes the avrorouter's schemas and JSON rows (with the table's name added): its
 * recordings decode to the same events as the CDC protocol's.
 */
class KafkaCdcRecordsTest {
  private static final TableId COMMANDES = TableId.parse("shop_tx.commandes");

  @Test
  void theCommandesRowsOfATopicAreThoseOfTheCdcProtocol() throws Exception {
    Decoded kafka =
        Decoded.kafkaCdc(linesOf("k1b_default_utf8_blobs", "shop_tx", "commandes"), COMMANDES);
    Decoded cdc = Decoded.json("f1_commandes_json_after_alter", COMMANDES);

    assertEquals(2, kafka.schemas.size());
    assertEquals(cdc.schemas, kafka.schemas);
    assertEquals(18, kafka.events.size()); // 23 records, 5 updates in two halves
    assertEquals(cdc.events, kafka.events);
  }

  // KafkaCDC writes no key for a VARBINARY value that is not valid UTF-8 (x'FF' in 0-1-15): the
  // value is missing, not NULL, and flagged so that a sink re-reads it or refuses it.
  @Test
  void aColumnKafkaCdcLeftOutIsUnavailableNotNull() throws Exception {
    TableId allTypes = TableId.parse("cdc_types.all_types");
    Decoded kafka =
        Decoded.kafkaCdc(linesOf("k1b_default_utf8_blobs", "cdc_types", "all_types"), allTypes);

    io.github.maxcdc.event.ChangeEvent maximum =
        kafka.events.stream().filter(e -> e.gtid().sequence() == 15).findFirst().orElseThrow();
    io.github.maxcdc.event.Row row = maximum.after();
    assertEquals(io.github.maxcdc.event.Fidelity.UNAVAILABLE, row.fidelity("c_varbinary"));
    assertEquals(null, row.get("c_varbinary"));
    assertEquals(false, row.isNull("c_varbinary"));
    assertEquals(io.github.maxcdc.event.Fidelity.EXACT, row.fidelity("c_binary"));
    assertEquals(7, kafka.events.size()); // 8 rows, one update in two halves
  }

  // a schema built from information_schema is the one MaxScale sent for the same table
  @Test
  void aSchemaFromTheDeclaredTypesIsMaxScalesOwn() throws Exception {
    java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
    types.put("id", "int(11)");
    types.put("client", "varchar(100)");
    types.put("montant", "decimal(10,2)");
    types.put("statut", "varchar(20)");
    types.put("date_creation", "timestamp");
    types.put("canal", "varchar(20)");
    io.github.maxcdc.event.TableSchema sent =
        Decoded.json("f1_commandes_json_after_alter", COMMANDES).schemas.get(1);

    io.github.maxcdc.event.TableSchema built =
        io.github.maxcdc.internal.decode.SchemaReader.fromDeclared(COMMANDES, 2, types, true);

    assertEquals(sent.size(), built.size());
    for (int i = 0; i < sent.size(); i++) {
      io.github.maxcdc.event.Column a = sent.column(i);
      io.github.maxcdc.event.Column b = built.column(i);
      assertEquals(a.withDeclaredType(b.declaredType()), b, a.name());
    }
    DecodeException geometry =
        assertThrows(
            DecodeException.class,
            () ->
                io.github.maxcdc.internal.decode.SchemaReader.fromDeclared(
                    COMMANDES, 1, java.util.Map.of("shape", "point"), true));
    assertTrue(
        geometry.getMessage().contains("MaxScale does not replicate"), geometry.getMessage());
  }

  // After a restart (k2b), KafkaCDC wrote no schema record for the ALTER of 0-1-20: the rows that
  // follow have a column the topic's schema does not, and decoding must stop there, not guess.
  @Test
  void aRowOfASchemaTheTopicNeverSentStopsTheDecoding() {
    byte[] lines = linesOf("k2b_restart_utf8_blobs", "shop_tx", "commandes");

    DecodeException e =
        assertThrows(DecodeException.class, () -> Decoded.kafkaCdc(lines, COMMANDES));
    assertTrue(
        e.getMessage()
            .contains("row after 0-1-10:2: key 'canal' is not a column of schema version 1"),
        e.getMessage());
  }

  @Test
  void aRowNamingAnotherTableIsRefused() throws Exception {
    String schema = firstSchemaLine("k1b_default_utf8_blobs");
    String row =
        "{\"domain\":0,\"server_id\":1,\"sequence\":6,\"event_number\":1,\"timestamp\":1700000104,"
            + "\"event_type\":\"insert\",\"table_schema\":\"shop_tx\",\"table_name\":\"retours\","
            + "\"id\":4,\"client\":null,\"montant\":null,\"statut\":null,\"date_creation\":null}";

    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> Decoded.kafkaCdc(bytes(schema + "\n" + row + "\n"), COMMANDES));
    assertTrue(
        e.getMessage().contains("table_name is 'retours', expected 'commandes'"), e.getMessage());
  }

  @Test
  void aRowWithoutTheTableKeysIsRefused() throws Exception {
    String schema = firstSchemaLine("k1b_default_utf8_blobs");
    String row =
        "{\"domain\":0,\"server_id\":1,\"sequence\":6,\"event_number\":1,\"timestamp\":1700000104,"
            + "\"event_type\":\"insert\",\"id\":4,\"client\":null,\"montant\":null,\"statut\":null,"
            + "\"date_creation\":null}";

    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> Decoded.kafkaCdc(bytes(schema + "\n" + row + "\n"), COMMANDES));
    assertTrue(e.getMessage().contains("missing: [table_schema, table_name]"), e.getMessage());
  }

  // the values of the recording's records of one table, one a line, in offset order
  private static byte[] linesOf(String recording, String database, String table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (KafkaCdcRecording.KafkaRecord r : KafkaCdcRecording.builtIn(recording).records()) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      boolean schema = !r.keyText().contains(":");
      boolean ours =
          schema
              ? value.contains("\"table\":\"" + table + "\",\"database\":\"" + database + "\"")
              : value.contains(
                  "\"table_schema\":\"" + database + "\",\"table_name\":\"" + table + "\"");
      if (ours) {
        out.writeBytes(r.value());
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static String firstSchemaLine(String recording) {
    return new String(
        KafkaCdcRecording.builtIn(recording).records().get(0).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
