package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link Rows} does without a database; {@code TestDatabaseIT} reads real tables. */
class RowsTest {
  @Test
  void theQuerySelectsTheColumnsNamedOrAllInTheOrderGiven() {
    assertEquals("SELECT * FROM dw.t ORDER BY id", Rows.select("dw.t", "id"));
    assertEquals(
        "SELECT id, CAST(h AS CHAR) AS h FROM dw.t ORDER BY a, b DESC",
        Rows.select("dw.t", "a, b DESC", "id", "CAST(h AS CHAR) AS h"));
  }

  @Test
  void aMissingTableOrOrderIsRefusedByName() {
    assertEquals(
        "table",
        assertThrows(NullPointerException.class, () -> Rows.select(null, "id")).getMessage());
    assertEquals(
        "orderBy must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Rows.select("t", " ")).getMessage());
    assertEquals(
        "each column must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Rows.select("t", "id", "a", ""))
            .getMessage());
  }

  @Test
  void binaryValuesBecomeTextThatComparesOtherValuesStayAsTheDriverReturnsThem() {
    assertEquals("[1, -2, 0]", Rows.comparable(new byte[] {1, -2, 0}));
    assertEquals(Rows.comparable(new byte[] {7}), Rows.comparable(new byte[] {7}));
    BigDecimal amount = new BigDecimal("1.50");
    assertSame(amount, Rows.comparable(amount));
    assertEquals(null, Rows.comparable(null));
  }

  @Test
  void anAwaitFailureShowsTheFirstRowsAndCountsTheOthers() {
    assertEquals("the table is empty", Rows.describe(List.of()));
    assertEquals("1 row:\n  {id=1, s=a}", Rows.describe(List.of(row(1))));
    List<Map<String, Object>> many = new ArrayList<>();
    for (int id = 1; id <= Rows.ROWS_SHOWN + 5; id++) {
      many.add(row(id));
    }
    String text = Rows.describe(many);
    List<String> lines = text.lines().toList();
    assertEquals("25 rows:", lines.get(0));
    assertEquals("  {id=20, s=a}", lines.get(Rows.ROWS_SHOWN));
    assertEquals("  ... and 5 more", lines.get(lines.size() - 1));
    assertEquals(Rows.ROWS_SHOWN + 2, lines.size());
  }

  static Map<String, Object> row(int id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("s", "a");
    return row;
  }
}
