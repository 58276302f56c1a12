package io.github.maxcdc.jdbc;

/** What the sink does when a new schema version of the source has columns the target lacks. */
public enum NewColumnsPolicy {
  /** Stop with an error naming the missing columns (default). */
  FAIL,
  /** Add the missing columns to the target table, nullable, then go on. */
  ADD_COLUMNS,
  /** Go on without writing the new columns. */
  IGNORE_NEW_COLUMNS
}
