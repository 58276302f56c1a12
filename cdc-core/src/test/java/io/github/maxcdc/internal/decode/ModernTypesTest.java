package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.DeclaredTypes;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.internal.decode.avro.SchemaResolver;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Fixtures;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording {@code g_modern_*} of {@code maxscale-24.02.3-types} (sql/50_modern_types.sql): UUID,
 * INET4, INET6, DECIMAL(65,30), a VARCHAR holding a NUL and zero dates, as a real MaxScale 24.02.3
 * sends them. Every value is the source's or flagged.
 */
class ModernTypesTest {
  static final TableId MODERN = TableId.parse("cdc_types2.modern");
  static final DeclaredTypes DECLARED =
      DeclaredTypes.of(Map.of(MODERN, Map.of("c_dec65", "decimal(65,30)", "id", "int(11)")));

  static List<ChangeEvent> events(StreamFormat format, DeclaredTypes declared) throws Exception {
    byte[] json = Fixtures.typesStream("g_modern_json");
    if (format == StreamFormat.JSON) {
      return Decoded.jsonDeclared(json, MODERN, declared).events;
    }
    return Decoded.avroDeclared(
            Fixtures.typesStream("g_modern_avro"), MODERN, resolver(json), declared)
        .events;
  }

  /** Real types from the JSON recording's schema line, as the client looks them up. */
  static SchemaResolver resolver(byte[] json) {
    String text = new String(json, StandardCharsets.UTF_8);
    String schemaLine = text.substring(0, text.indexOf('\n'));
    return (version, avro) ->
        SchemaReader.forAvro(SchemaReader.fromMaxScaleJson(schemaLine, MODERN, false));
  }

  static void check(Row row, String column, Object expected, Fidelity fidelity) {
    assertEquals(expected, row.get(column), column);
    assertEquals(fidelity, row.fidelity(column), column + " fidelity");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyValueIsTheSourcesOrFlagged(StreamFormat format) throws Exception {
    List<ChangeEvent> events = events(format, DECLARED);
    assertEquals(4, events.size());
    Row one = events.get(0).after();
    // 550e8400-...: cut at its third byte's NUL
    check(one, "c_uuid", null, Fidelity.TRUNCATED);
    // 10.1.2.3 holds no 0 byte: whole (valid UTF-8, sent as it is in JSON)
    check(one, "c_inet4", InetAddress.getByName("10.1.2.3"), Fidelity.EXACT);
    assertInstanceOf(Inet4Address.class, one.get("c_inet4"));
    check(one, "c_inet6", null, Fidelity.TRUNCATED);
    // a 35-digit integer part: MaxScale keeps 8 of its bytes
    assertEquals(Fidelity.INEXACT, one.fidelity("c_dec65"));
    // m\0n arrives as "m": not visible in the value, the column says so
    check(one, "c_vchar", "m", Fidelity.EXACT);
    assertTrue(one.schema().column("c_vchar").orElseThrow().has(Caveat.TEXT_CUT_AT_NUL));
    check(one, "c_dtzero", null, Fidelity.ZERO_DATE);
    check(one, "c_dzero", null, Fidelity.ZERO_DATE);

    Row two = events.get(1).after();
    check(two, "c_uuid", null, Fidelity.TRUNCATED);
    if (format == StreamFormat.JSON) {
      // "ac10": the hex of 172.16 cut, or the four bytes 'a' 'c' '1' '0' whole
      check(two, "c_inet4", InetAddress.getByName("97.99.49.48"), Fidelity.INEXACT);
    } else {
      check(two, "c_inet4", null, Fidelity.TRUNCATED);
    }
    check(two, "c_inet6", null, Fidelity.TRUNCATED);
    // -5e-30 arrives as 0.0: scale 30 is beyond what MaxScale reads
    assertEquals(Fidelity.INEXACT, two.fidelity("c_dec65"));
    check(two, "c_vchar", "plain", Fidelity.EXACT);
    check(two, "c_dtzero", LocalDateTime.of(2024, 5, 6, 7, 8, 9), Fidelity.EXACT);
    check(two, "c_dzero", LocalDate.of(2024, 5, 6), Fidelity.EXACT);

    Row three = events.get(2).after();
    for (String column : three.schema().columnNames()) {
      if (!column.equals("id")) {
        check(three, column, null, Fidelity.EXACT);
      }
    }

    Update update = (Update) events.get(3);
    check(update.after(), "c_uuid", null, Fidelity.TRUNCATED); // nil UUID: ""
    check(update.after(), "c_inet4", null, Fidelity.TRUNCATED); // 0.0.0.0: ""
    Object raw = update.after().raw("c_uuid");
    assertEquals(0, raw instanceof byte[] bytes ? bytes.length : ((String) raw).length());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void withoutDeclaredTypesDecimalsAreAssumedNarrow(StreamFormat format) throws Exception {
    Row two = events(format, null).get(1).after();
    // the stream alone cannot tell 0 from -5e-30: the documented assumption (15 digits) holds
    check(two, "c_dec65", BigDecimal.ZERO, Fidelity.REPAIRED);
    TableSchema schema = two.schema();
    assertNull(schema.column("c_dec65").orElseThrow().declaredType());
    assertEquals(ColumnType.UUID, schema.column("c_uuid").orElseThrow().type());
    assertEquals(ColumnType.INET4, schema.column("c_inet4").orElseThrow().type());
    assertEquals(ColumnType.INET6, schema.column("c_inet6").orElseThrow().type());
  }

  @Test
  void declaredScaleGivesTheColumnsScale() throws Exception {
    TableId commandes = TableId.parse("shop_tx.commandes");
    DeclaredTypes declared =
        DeclaredTypes.of(Map.of(commandes, Map.of("montant", "decimal(10,2)")));
    List<ChangeEvent> events =
        Decoded.jsonDeclared(Fixtures.stream("a_commandes_json"), commandes, declared).events;
    Row first = events.get(0).after();
    assertEquals(new BigDecimal("120.50"), first.get("montant"));
    assertEquals(Fidelity.REPAIRED, first.fidelity("montant"));
    assertEquals("decimal(10,2)", first.schema().column("montant").orElseThrow().declaredType());
  }
}
