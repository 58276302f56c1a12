package io.github.maxcdc.jdbc.internal.sql;

import io.github.maxcdc.jdbc.SinkException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work done on the target's connection, in the caller's transaction. */
@FunctionalInterface
public interface TargetWork<T> {
  /** Does the work on the session's connection. */
  T run(Connection connection) throws SQLException, SinkException;
}
