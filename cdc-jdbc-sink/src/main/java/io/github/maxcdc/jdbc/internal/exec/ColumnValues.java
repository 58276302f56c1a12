package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.internal.convert.ValueRefusedException;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds one streamed value to a statement parameter: zero dates as text, an untrustworthy value
 * refused (or, if ambiguous and the policy allows, written with its likelier reading), the others
 * through their column's binder. A refusal names the column and the position, never the value.
 * Stateless, thread-safe.
 */
final class ColumnValues {
  private final AmbiguousValuePolicy ambiguous;

  ColumnValues(AmbiguousValuePolicy ambiguous) {
    this.ambiguous = ambiguous;
  }

  /**
   * Binds the value of {@code column} in {@code row} to parameter {@code p}.
   *
   * @return whether the value was ambiguous and written with its likelier reading
   * @throws SinkDataException if the value cannot be written exactly
   */
  boolean bind(PreparedStatement s, int p, Written column, Row row, ChangeEvent event)
      throws SQLException, SinkDataException {
    int i = column.source();
    Object value = row.get(i);
    Fidelity fidelity = row.fidelity(i);
    if (fidelity == Fidelity.ZERO_DATE) {
      s.setString(
          p,
          row.schema().column(i).type() == io.github.maxcdc.event.ColumnType.DATE
              ? "0000-00-00"
              : "0000-00-00 00:00:00");
      return false;
    }
    if (!fidelity.isTrustworthy()) {
      if (fidelity != Fidelity.AMBIGUOUS || ambiguous == AmbiguousValuePolicy.FAIL) {
        throw refused(
            event,
            column,
            "its value is "
                + fidelity
                + " (see the README's type table); give the sink a source connection to re-read"
                + " such values from the source (JdbcSink.Builder.source, --source-url)");
      }
    }
    boolean ambiguousValue = !fidelity.isTrustworthy();
    if (value == null) {
      s.setObject(p, null);
      return ambiguousValue;
    }
    try {
      column.binder().bind(s, p, value);
    } catch (ValueRefusedException e) {
      throw refused(event, column, e.getMessage());
    }
    return ambiguousValue;
  }

  /** Binds a value read from the source: NULL, bytes or text. */
  static void bindSourceValue(PreparedStatement s, int p, Object value) throws SQLException {
    if (value == null) {
      s.setObject(p, null);
    } else if (value instanceof byte[] bytes) {
      s.setBytes(p, bytes);
    } else {
      s.setString(p, (String) value);
    }
  }

  private static SinkDataException refused(ChangeEvent event, Written column, String why) {
    return new SinkDataException(
        "cannot write column '"
            + column.target().name()
            + "' of the "
            + event.type().jsonName()
            + " at "
            + event.position()
            + " of "
            + event.table()
            + ": "
            + why,
        event.position(),
        column.target().name(),
        null);
  }
}
