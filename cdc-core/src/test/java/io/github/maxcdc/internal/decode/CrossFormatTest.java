package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Decoded;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both formats give equal events for every recording pair: same changes, positions, timestamps,
 * column types and typed values. The one documented difference: binary values JSON sent as hex are
 * {@link Fidelity#AMBIGUOUS} there and exact in AVRO (README, type table).
 */
class CrossFormatTest {

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("a_commandes_json", "b_commandes_avro", "shop_tx.commandes", 1),
        Arguments.of(
            "a_commandes_json", "c5_commandes_avro_with_gtid_0-1-7", "shop_tx.commandes", 1),
        Arguments.of(
            "f1_commandes_json_after_alter",
            "f2_commandes_avro_after_alter",
            "shop_tx.commandes",
            1),
        Arguments.of(
            "g_live_commandes_json_during_alter",
            "g_live_commandes_avro_during_alter",
            "shop_tx.commandes",
            1),
        Arguments.of(
            "f3_commandes_json_version_000002",
            "f4_commandes_avro_version_000002",
            "shop_tx.commandes",
            2),
        Arguments.of("e_all_types_json", "e_all_types_avro", "cdc_types.all_types", 1));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("pairs")
  void equalEvents(String json, String avro, String table, int firstVersion) throws Exception {
    TableId id = TableId.parse(table);
    List<ChangeEvent> fromJson = Decoded.json(json, id).events;
    List<ChangeEvent> fromAvro = Decoded.avro(avro, id, firstVersion).events;
    assertEquals(fromJson.size(), fromAvro.size());
    assertTrue(fromJson.size() > 0);
    for (int i = 0; i < fromJson.size(); i++) {
      ChangeEvent j = fromJson.get(i);
      ChangeEvent a = fromAvro.get(i);
      String where = json + " event " + i;
      assertEquals(j.type(), a.type(), where);
      assertEquals(j.position(), a.position(), where);
      assertEquals(j.eventNumber(), a.eventNumber(), where);
      assertEquals(j.timestamp(), a.timestamp(), where);
      assertEquals(j.table(), a.table(), where);
      assertEquals(j.schemaVersion(), a.schemaVersion(), where);
      sameColumns(j, a, where);
      sameRow(j.before(), a.before(), where + " before");
      sameRow(j.after(), a.after(), where + " after");
    }
  }

  private static void sameColumns(ChangeEvent j, ChangeEvent a, String where) {
    List<Column> jc = j.schema().columns();
    List<Column> ac = a.schema().columns();
    assertEquals(jc.size(), ac.size(), where);
    for (int c = 0; c < jc.size(); c++) {
      assertEquals(jc.get(c).name(), ac.get(c).name(), where);
      assertEquals(jc.get(c).type(), ac.get(c).type(), where);
      assertEquals(jc.get(c).unsigned(), ac.get(c).unsigned(), where);
      assertEquals(jc.get(c).wireType(), ac.get(c).wireType(), where);
      var jsonOnly = new java.util.HashSet<>(jc.get(c).caveats());
      jsonOnly.remove(Caveat.HEX_OR_TEXT_IN_JSON);
      assertEquals(jsonOnly, ac.get(c).caveats(), where);
    }
  }

  private static void sameRow(Row j, Row a, String where) {
    if (j == null || a == null) {
      assertTrue(j == null && a == null, where);
      return;
    }
    for (int c = 0; c < j.size(); c++) {
      String col = where + " " + j.schema().column(c).name();
      assertTrue(Objects.deepEquals(j.get(c), a.get(c)), col + ": " + j.get(c) + " vs " + a.get(c));
      assertEquals(j.isNull(c), a.isNull(c), col);
      Fidelity jf = j.fidelity(c);
      Fidelity af = a.fidelity(c);
      boolean jsonOnlyAmbiguity =
          jf == Fidelity.AMBIGUOUS
              && af == Fidelity.EXACT
              && j.schema().column(c).type().isBinary();
      assertTrue(jf == af || jsonOnlyAmbiguity, col + ": " + jf + " vs " + af);
    }
  }
}
