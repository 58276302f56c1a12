package io.github.maxcdc.jdbc.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to a database (the target, or the source). */
@FunctionalInterface
public interface ConnectionFactory {
  /** A new connection. */
  Connection open() throws SQLException;
}
