package io.github.maxcdc.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.maxcdc.testing.Decoded;
import org.junit.jupiter.api.Test;

/** {@link Row#of} keeps each column's fidelity and names the column whose fidelity is missing. */
class RowOfTest {
  static TableSchema commandes() throws Exception {
    return Decoded.json("a_commandes_json", TableId.parse("shop_tx.commandes")).schemas.get(0);
  }

  @Test
  void keepsEachFidelity() throws Exception {
    TableSchema schema = commandes();
    Object[] values = new Object[schema.size()];
    Fidelity[] fidelity = new Fidelity[schema.size()];
    java.util.Arrays.fill(fidelity, Fidelity.EXACT);
    fidelity[2] = Fidelity.REPAIRED;
    fidelity[4] = Fidelity.INEXACT;

    Row row = Row.of(schema, values, values, fidelity);

    for (int i = 0; i < schema.size(); i++) {
      assertEquals(fidelity[i], row.fidelity(i), "column " + i);
    }
    assertEquals(Row.of(schema, values, values, null).fidelity(2), Fidelity.EXACT);
  }

  @Test
  void namesTheMissingFidelity() throws Exception {
    TableSchema schema = commandes();
    Object[] values = new Object[schema.size()];
    Fidelity[] fidelity = new Fidelity[schema.size()];
    java.util.Arrays.fill(fidelity, Fidelity.EXACT);
    fidelity[3] = null;

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Row.of(schema, values, values, fidelity));
    assertEquals("fidelity[3]", e.getMessage());
  }
}
