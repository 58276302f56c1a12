package io.github.maxcdc.jdbc.internal.convert;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds one non-null typed value to a statement parameter, converted for its target column. One per
 * written column, chosen once per schema version. Stateless, thread-safe.
 */
@FunctionalInterface
public interface ValueBinder {

  /**
   * Binds {@code value}.
   *
   * @throws ValueRefusedException if the value cannot be written to the column (e.g. an ENUM index
   *     beyond the configured labels)
   */
  void bind(PreparedStatement statement, int parameter, Object value) throws SQLException;
}
