package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.DecodeException;
import io.github.maxcdc.NoSuchTableException;
import io.github.maxcdc.ServerErrorException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Fixtures;
import io.github.maxcdc.testing.RecordedChanges;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes every recording of MaxScale 24.02.3 and checks what it holds. */
class RecordingsDecodeTest {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");
  static final TableId RETOURS = TableId.parse("shop_tx.retours");

  static List<String> summary(List<ChangeEvent> events) {
    return events.stream()
        .map(e -> e.type().jsonName() + " " + e.position())
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a_commandes_json",
        "a2_commandes_json_service_user",
        "a3_register_trailing_newline_ok",
        "c6_commandes_json_explicit_version_000001",
        "h_commandes_json_deflate_service"
      })
  void jsonPhase1(String recording) throws Exception {
    Decoded d = Decoded.json(recording, COMMANDES);
    assertEquals(1, d.schemas.size());
    assertEquals(1, d.schemas.get(0).version());
    assertEquals("0-1-2", d.schemas.get(0).ddlGtid().orElseThrow().toString());
    assertEquals(
        List.of("id", "client", "montant", "statut", "date_creation"),
        d.schemas.get(0).columnNames());
    assertEquals(RecordedChanges.PHASE1, summary(d.events));
  }

  @ParameterizedTest
  @ValueSource(strings = {"b_commandes_avro", "c5_commandes_avro_with_gtid_0-1-7"})
  void avroPhase1(String recording) throws Exception {
    Decoded d = Decoded.avro(recording, COMMANDES, 1);
    assertEquals(1, d.schemas.size());
    assertEquals(RecordedChanges.PHASE1, summary(d.events));
  }

  @Test
  void workshopValuesAreRepaired() throws Exception {
    List<ChangeEvent> events = Decoded.json("a_commandes_json", COMMANDES).events;
    Insert alice = assertInstanceOf(Insert.class, events.get(0));
    assertEquals(1, alice.after().getInt("id"));
    assertEquals("Alice Martin", alice.after().getString("client"));
    assertEquals(new BigDecimal("120.5"), alice.after().getBigDecimal("montant"));
    assertEquals(Instant.parse("2023-11-14T22:15:01Z"), alice.after().getInstant("date_creation"));
    assertEquals(Instant.ofEpochSecond(1700000101), alice.timestamp());
    assertEquals("Bruno Lefèvre", events.get(1).after().getString("client"));

    Insert chloe = assertInstanceOf(Insert.class, events.get(2));
    assertEquals(new BigDecimal("300.99"), chloe.after().getBigDecimal("montant"));
    assertEquals(Fidelity.REPAIRED, chloe.after().fidelity("montant"));
    assertEquals(300.99000000000001, chloe.after().raw("montant"));

    Insert nulls = assertInstanceOf(Insert.class, events.get(3));
    assertTrue(nulls.after().isNull("client"));
    assertNull(nulls.after().get("montant"));

    Update paid = assertInstanceOf(Update.class, events.get(4));
    assertEquals("NOUVELLE", paid.before().getString("statut"));
    assertEquals("PAYEE", paid.after().getString("statut"));
    assertEquals(new BigDecimal("125.5"), paid.after().getBigDecimal("montant"));
    assertEquals(1, paid.eventNumber());
    assertEquals(2, paid.afterEventNumber());

    Delete bruno = assertInstanceOf(Delete.class, events.get(5));
    assertEquals(2, bruno.before().getInt("id"));

    Insert gigi = assertInstanceOf(Insert.class, events.get(9));
    assertEquals("Gaëlle \"Gigi\" O'Brien", gigi.after().getString("client"));
    assertEquals(new BigDecimal("99999999.99"), gigi.after().getBigDecimal("montant"));
    assertEquals(4, gigi.eventNumber());
  }

  @Test
  void jsonSeekFromGtid() throws Exception {
    assertEquals(
        RecordedChanges.PHASE1.subList(4, 14),
        summary(Decoded.json("c1_commandes_json_from_gtid_0-1-7", COMMANDES).events));
    assertEquals(
        RecordedChanges.PHASE1.subList(6, 14),
        summary(Decoded.json("c2_commandes_json_from_gtid_0-1-9", COMMANDES).events));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c3_commandes_json_from_gtid_beyond_end_0-1-999",
        "c4_commandes_json_from_gtid_other_server_0-2-1"
      })
  void jsonSeekWithoutMatchSendsOnlyTheSchema(String recording) throws Exception {
    Decoded d = Decoded.json(recording, COMMANDES);
    assertEquals(1, d.schemas.size());
    assertEquals(0, d.events.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"f1_commandes_json_after_alter", "g_live_commandes_json_during_alter"})
  void jsonSchemaChange(String recording) throws Exception {
    Decoded d = Decoded.json(recording, COMMANDES);
    assertEquals(List.of(1, 2), d.schemas.stream().map(s -> s.version()).toList());
    assertEquals("0-1-20", d.schemas.get(1).ddlGtid().orElseThrow().toString());
    assertEquals("canal", d.schemas.get(1).column(5).name());
    assertEquals(RecordedChanges.bothPhases(), summary(d.events));
    ChangeEvent hugo = d.events.get(14);
    assertEquals(2, hugo.schemaVersion());
    assertEquals("mobile", hugo.after().getString("canal"));
    assertEquals("web", d.events.get(15).after().getString("canal"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"f2_commandes_avro_after_alter", "g_live_commandes_avro_during_alter"})
  void avroSchemaChangeAndRepeatedHeaders(String recording) throws Exception {
    Decoded d = Decoded.avro(recording, COMMANDES, 1);
    assertEquals(List.of(1, 2), d.schemas.stream().map(s -> s.version()).toList());
    assertEquals(RecordedChanges.bothPhases(), summary(d.events));
  }

  @Test
  void explicitVersion() throws Exception {
    Decoded json = Decoded.json("f3_commandes_json_version_000002", COMMANDES);
    assertEquals(2, json.schemas.get(0).version());
    assertEquals(RecordedChanges.PHASE2, summary(json.events));
    Decoded avro = Decoded.avro("f4_commandes_avro_version_000002", COMMANDES, 2);
    assertEquals(2, avro.schemas.get(0).version());
    assertEquals(RecordedChanges.PHASE2, summary(avro.events));
  }

  @Test
  void jsonSeekIntoALaterVersion() throws Exception {
    Decoded d = Decoded.json("f5_commandes_json_after_alter_from_gtid_0-1-22", COMMANDES);
    assertEquals(List.of(1, 2), d.schemas.stream().map(s -> s.version()).toList());
    assertEquals(RecordedChanges.PHASE2.subList(1, 4), summary(d.events));
  }

  @Test
  void allTypesDecodeInBothFormats() throws Exception {
    TableId allTypes = TableId.parse("cdc_types.all_types");
    List<String> expected =
        List.of(
            "insert 0-1-13:1",
            "insert 0-1-14:1",
            "insert 0-1-15:1",
            "insert 0-1-16:1",
            "insert 0-1-17:1",
            "update 0-1-18:2",
            "delete 0-1-19:1");
    assertEquals(expected, summary(Decoded.json("e_all_types_json", allTypes).events));
    assertEquals(expected, summary(Decoded.avro("e_all_types_avro", allTypes, 1).events));
  }

  @Test
  void tableWithoutFileThenRetry() {
    NoSuchTableException e =
        assertThrows(
            NoSuchTableException.class,
            () ->
                Decoded.json(Fixtures.stream("i_table_without_rows_then_retry"), RETOURS, n -> n));
    assertEquals("ERR NO-FILE File 'shop_tx.retours.000001.avro' not found.", e.serverText());
    assertEquals(RETOURS, e.table());
    assertTrue(e.getMessage().contains("first row"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "d04_unknown_table",
        "d05_unknown_database",
        "d06_unknown_version",
        "d07_table_without_database",
        "d10_request_data_trailing_newline"
      })
  void noFileReplies(String recording) {
    assertThrows(
        NoSuchTableException.class,
        () -> Decoded.json(Fixtures.stream(recording), COMMANDES, n -> n));
    assertThrows(
        NoSuchTableException.class,
        () -> Decoded.avro(Fixtures.stream(recording), COMMANDES, 1, n -> n));
  }

  @Test
  void otherErrorReplies() {
    ServerErrorException noData =
        assertThrows(
            ServerErrorException.class,
            () -> Decoded.json(Fixtures.stream("d09_request_data_no_argument"), COMMANDES, n -> n));
    assertEquals("ERR REQUEST-DATA with no data.", noData.serverText());
    ServerErrorException unknown =
        assertThrows(
            ServerErrorException.class,
            () -> Decoded.json(Fixtures.stream("d08_malformed_command"), COMMANDES, n -> n));
    assertEquals("ERR: Unknown command", unknown.serverText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "h_commandes_avro_deflate",
        "h_commandes_avro_deflate_after_alter",
        "h_all_types_avro_deflate"
      })
  void corruptDeflateStreamsFailClearly(String recording) {
    TableId table =
        recording.contains("all_types") ? TableId.parse("cdc_types.all_types") : COMMANDES;
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> Decoded.avro(Fixtures.stream(recording), table, 1, n -> n));
    assertTrue(e.getMessage().contains("MaxScale 24.02 sends deflate"), e.getMessage());
  }

  /** Recording {@code a_commandes_json} with its first match of {@code regex} replaced. */
  static byte[] damagedCommandes(String regex, String replacement) {
    String text =
        new String(Fixtures.stream("a_commandes_json"), java.nio.charset.StandardCharsets.UTF_8);
    return text.replaceFirst(regex, replacement).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  // Both found by DecoderGarbageTest: Avro's AvroTypeException ("Undefined schema") and the event
  // model's IllegalArgumentException for a name escaped the decoder.
  @ParameterizedTest
  @CsvSource({
    "'\"string\"', '\"strung\"', not a valid Avro schema",
    "'\"database\":\"shop_tx\"', '\"database\":\"shop tx\"', cannot carry"
  })
  void damagedSchemaLinesAreDecodeErrors(String regex, String replacement, String message) {
    byte[] damaged = damagedCommandes(regex, replacement);
    DecodeException e =
        assertThrows(DecodeException.class, () -> Decoded.json(damaged, COMMANDES, n -> n));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  // a row that names a column twice and lacks another, or lacks a header field, is refused: it must
  // not take a null or the previous row's value in silence
  @ParameterizedTest
  @CsvSource({
    "'\"client\": \"Alice Martin\"', '\"id\": 1', key 'id' appears twice",
    "'\"timestamp\": 1700000101, ', '', 'missing: [timestamp]'"
  })
  void rowsWithDuplicateOrMissingKeysAreDecodeErrors(
      String regex, String replacement, String message) {
    byte[] damaged = damagedCommandes(regex, replacement);
    DecodeException e =
        assertThrows(DecodeException.class, () -> Decoded.json(damaged, COMMANDES, n -> n));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h_commandes_avro_deflate", "h_commandes_avro_deflate_after_alter"})
  void corruptDeflateStreamsDeliverNoGarbage(String recording) {
    Decoded partial = Decoded.partial();
    assertThrows(
        DecodeException.class,
        () -> Decoded.avroInto(partial, Fixtures.stream(recording), COMMANDES, 1, n -> n));
    // whatever was decoded before the failure is exactly the start of the true stream
    assertEquals(RecordedChanges.PHASE1.subList(0, partial.events.size()), summary(partial.events));
  }
}
