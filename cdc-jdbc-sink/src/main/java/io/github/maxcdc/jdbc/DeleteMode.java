package io.github.maxcdc.jdbc;

import java.util.Objects;

/**
 * How a source DELETE is applied: removing the target row, or marking it. A row deleted softly and
 * inserted again is unmarked.
 */
public sealed interface DeleteMode permits DeleteMode.Hard, DeleteMode.Flag, DeleteMode.Timestamp {

  /** {@code DELETE} the target row (default). */
  static DeleteMode hard() {
    return Hard.INSTANCE;
  }

  /** Set {@code column} to 1 instead (0 on insert and update). */
  static DeleteMode softFlag(String column) {
    return new Flag(column);
  }

  /** Set {@code column} to the source commit time instead (NULL on insert and update). */
  static DeleteMode softTimestamp(String column) {
    return new Timestamp(column);
  }

  /** Hard deletes. */
  enum Hard implements DeleteMode {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Soft deletes with a flag column.
   *
   * @param column the target column, e.g. {@code is_deleted}
   */
  record Flag(String column) implements DeleteMode {
    /** Validates the component. */
    public Flag {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * Soft deletes with a timestamp column.
   *
   * @param column the target column, e.g. {@code deleted_at}
   */
  record Timestamp(String column) implements DeleteMode {
    /** Validates the component. */
    public Timestamp {
      Objects.requireNonNull(column, "column");
    }
  }
}
