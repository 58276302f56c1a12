package io.github.maxcdc.kafka.internal.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.kafka.PublishException;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The publisher's pure parts: source offsets, position records, damaged values, key columns. */
class PublishInternalsTest {
  static final TableId TABLE = TableId.parse("shop.t");
  static final TableSchema SCHEMA =
      new TableSchema(
          TABLE,
          1,
          null,
          List.of(
              new Column("id", 0, ColumnType.INT, "int", false, WireType.INT, Set.of()),
              new Column(
                  "code",
                  1,
                  ColumnType.VARBINARY,
                  "varbinary",
                  false,
                  WireType.BYTES,
                  Set.of(Caveat.TRUNCATED_AT_NUL)),
              new Column(
                  "d",
                  2,
                  ColumnType.DECIMAL,
                  "decimal",
                  false,
                  WireType.DOUBLE,
                  Set.of(Caveat.DECIMAL_AS_DOUBLE))),
          true);

  @Test
  void sourceOffsetsReadPartitionAndOffsetPairs() {
    assertEquals(
        Map.of(
            new TopicPartition("t", 0), new OffsetAndMetadata(42),
            new TopicPartition("t", 2), new OffsetAndMetadata(7)),
        SourceOffsets.parse("t", "0:42,2:7"));
    assertEquals(
        Map.of(new TopicPartition("t", 1), new OffsetAndMetadata(9)),
        SourceOffsets.parse("t", "t-1@9"));
    assertNull(SourceOffsets.parse("t", "somewhere"));
    assertNull(SourceOffsets.parse("t", null));
    assertNull(SourceOffsets.parse(null, "0:1"));
  }

  @Test
  void positionRecordsRoundTripAndNameTheirTable() throws Exception {
    byte[] value =
        "{\"table\":\"shop.t\",\"position\":\"0-1-7:3\",\"source_offset\":\"0:12\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new StreamPosition(Gtid.parse("0-1-7"), 3, "0:12"),
        PositionReader.parse(value, "p.maxcdc.positions", "shop.t", TABLE));
    PublishException other =
        assertThrows(
            PublishException.class,
            () ->
                PositionReader.parse(
                    value, "p.maxcdc.positions", "shop.t", TableId.parse("shop.u")));
    assertTrue(other.getMessage().contains("is that of table shop.t, not of shop.u"));
    PublishException garbage =
        assertThrows(
            PublishException.class,
            () ->
                PositionReader.parse(
                    "nope".getBytes(StandardCharsets.UTF_8), "p", "shop.t", TABLE));
    assertTrue(garbage.getMessage().contains("does not parse"), garbage.getMessage());
  }

  @Test
  void damagedValuesAreNamedAndFlagged() {
    Object[] values = {1, new byte[] {1}, new java.math.BigDecimal("1.5")};
    Row exact = Row.of(SCHEMA, values, values, null);
    assertNull(DamagedValues.why(exact, 0));
    assertTrue(DamagedValues.why(exact, 1).contains("[truncated_at_nul]"));
    assertNull(DamagedValues.why(exact, 2));
    Row flagged = DamagedValues.flagged(exact);
    assertEquals(Fidelity.INEXACT, flagged.fidelity(1));
    assertEquals(Fidelity.EXACT, flagged.fidelity(0));

    Row inexact =
        Row.of(
            SCHEMA,
            new Object[] {1, null, values[2]},
            new Object[] {1, null, values[2]},
            new Fidelity[] {Fidelity.EXACT, Fidelity.EXACT, Fidelity.INEXACT});
    assertTrue(DamagedValues.why(inexact, 2).startsWith("is inexact"));
    assertSame(inexact, DamagedValues.flagged(inexact), "a NULL VARBINARY is not damaged");
  }

  @Test
  void keyColumnsFollowTheSchemaVersion() throws Exception {
    assertEquals(List.of("id"), names(new KeyColumns(List.of("id")).of(SCHEMA)));
    assertEquals(List.of("id", "code", "d"), names(new KeyColumns(List.of()).of(SCHEMA)));
    PublishException e =
        assertThrows(PublishException.class, () -> new KeyColumns(List.of("nope")).of(SCHEMA));
    assertTrue(e.getMessage().contains("key column 'nope' is not a column of shop.t version 1"));
  }

  @Test
  void theRereadSelectsByKeyWithQuotedNames() {
    assertEquals(
        "SELECT `code`, `d` FROM `shop`.`t` WHERE `id` <=> ?",
        SourceReread.select(
            TABLE, List.of(SCHEMA.column(1), SCHEMA.column(2)), List.of(SCHEMA.column(0))));
    assertTrue(SourceReread.rereads(SCHEMA.column(1), Fidelity.EXACT, false));
    assertTrue(!SourceReread.rereads(SCHEMA.column(1), Fidelity.EXACT, true));
    assertTrue(SourceReread.rereads(SCHEMA.column(2), Fidelity.INEXACT, false));
    assertTrue(!SourceReread.rereads(SCHEMA.column(2), Fidelity.REPAIRED, false));
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }
}
