package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import java.util.Locale;

/**
 * The values of a row MaxScale damaged: those whose {@link Fidelity} is not trustworthy (a zero
 * date is MariaDB's own value, not damage), and the values of a column MaxScale damages silently
 * (VARBINARY cut at a NUL byte, negative TIME, BIT, JSON: a lossy {@link Caveat}) that look exact.
 * A value read back from the source is {@link Fidelity#REPAIRED}, so not damaged. Stateless.
 */
public final class DamagedValues {
  private DamagedValues() {}

  /** Why value {@code i} of {@code row} is damaged, or null if it is not. */
  public static String why(Row row, int i) {
    Fidelity f = row.fidelity(i);
    Column column = row.schema().column(i);
    if (!f.isTrustworthy() && f != Fidelity.ZERO_DATE) {
      return "is " + f.name().toLowerCase(Locale.ROOT) + " (MaxScale did not carry it exactly)";
    }
    if (silentlyDamaged(row, i)) {
      return "may be damaged: MaxScale loses values of "
          + column.type()
          + " columns ("
          + column.caveats().stream()
              .filter(Caveat::isLossy)
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .sorted()
              .toList()
          + ")";
    }
    return null;
  }

  /**
   * {@code row} with its silently damaged values flagged {@link Fidelity#INEXACT}, so that the
   * envelope's {@code untrusted} names them; {@code row} itself when it has none.
   */
  public static Row flagged(Row row) {
    if (row == null) {
      return null;
    }
    Fidelity[] fidelity = null;
    for (int i = 0; i < row.size(); i++) {
      if (silentlyDamaged(row, i)) {
        if (fidelity == null) {
          fidelity = new Fidelity[row.size()];
          for (int j = 0; j < row.size(); j++) {
            fidelity[j] = row.fidelity(j);
          }
        }
        fidelity[i] = Fidelity.INEXACT;
      }
    }
    if (fidelity == null) {
      return row;
    }
    Object[] values = new Object[row.size()];
    Object[] raw = new Object[row.size()];
    for (int i = 0; i < row.size(); i++) {
      values[i] = row.get(i);
      raw[i] = row.raw(i);
    }
    return Row.of(row.schema(), values, raw, fidelity);
  }

  private static boolean silentlyDamaged(Row row, int i) {
    return row.schema().column(i).isLossy() && !row.isNull(i) && row.fidelity(i) == Fidelity.EXACT;
  }
}
