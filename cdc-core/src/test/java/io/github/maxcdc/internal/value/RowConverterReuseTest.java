package io.github.maxcdc.internal.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.spi.SourceItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RowConverter} reuses its value and fidelity arrays from row to row: nothing of one row may
 * show in the next, nor in a row already given out, not even after a row that failed half-way.
 */
class RowConverterReuseTest {
  private final RowConverter converter =
      new RowConverter(
          new TableSchema(
              TableId.parse("db.t"),
              1,
              null,
              List.of(column("ts", "timestamp", 0), column("n", "int", 1)),
              true),
          ZoneOffset.UTC);

  @Test
  void noValueOrFidelityCarriesOverToTheNextRow() {
    Row first = converter.toRow(new Object[] {"2024-01-02 03:04:05", 7L});
    Row second = converter.toRow(new Object[] {null, SourceItem.ABSENT});
    Row third = converter.toRow(new Object[] {null, 8L});

    assertEquals(Instant.parse("2024-01-02T03:04:05Z"), first.get(0));
    assertEquals(Fidelity.REPAIRED, first.fidelity(0));
    assertEquals(7, ((Number) first.get(1)).intValue());
    assertTrue(second.isNull(0));
    assertEquals(Fidelity.EXACT, second.fidelity(0));
    assertNull(second.get(1));
    assertEquals(Fidelity.UNAVAILABLE, second.fidelity(1));
    assertNull(third.get(0));
    assertEquals(Fidelity.EXACT, third.fidelity(0));
    assertEquals(Fidelity.EXACT, third.fidelity(1));
    assertEquals(8, ((Number) third.get(1)).intValue());
  }

  @Test
  void aRowThatFailsHalfWayLeavesNoMark() {
    assertThrows(
        IllegalArgumentException.class,
        () -> converter.toRow(new Object[] {"2024-01-02 03:04:05", "not a number"}));
    Row next = converter.toRow(new Object[] {null, 9L});
    assertEquals(Fidelity.EXACT, next.fidelity(0));
    assertEquals(Fidelity.EXACT, next.fidelity(1));
  }

  private static Column column(String name, String realType, int index) {
    ColumnType type = ColumnType.fromRealType(realType);
    return new Column(
        name, index, type, realType, false, WireType.STRING, Caveats.of(type, false, true));
  }
}
