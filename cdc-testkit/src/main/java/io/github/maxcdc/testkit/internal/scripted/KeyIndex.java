package io.github.maxcdc.testkit.internal.scripted;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a table by primary key, so that an insert checks its key and an update or delete by
 * key finds its row without scanning the table. Two keys are equal exactly when {@link
 * Values#equal} holds for each of their columns ({@code byte[]} by content). Guarded by the
 * scripted database's lock.
 */
final class KeyIndex {
  private final int[] columns; // positions of the key columns in the rows
  private final Map<Object, Object[]> rows = new HashMap<>();

  /**
   * Indexes {@code rows}.
   *
   * @param columns positions of the key columns in a row
   * @param rows rows with distinct keys
   */
  KeyIndex(int[] columns, List<Object[]> rows) {
    this.columns = columns.clone();
    rows.forEach(this::put);
  }

  /** Positions of the key columns in a row; not to be modified. */
  int[] columns() {
    return columns;
  }

  /** The row whose key equals that of {@code probe} (only its key columns are read), or null. */
  Object[] get(Object[] probe) {
    return rows.get(key(probe));
  }

  void put(Object[] row) {
    rows.put(key(row), row);
  }

  void remove(Object[] row) {
    rows.remove(key(row));
  }

  private Object key(Object[] row) {
    if (columns.length == 1) {
      return part(row[columns[0]]);
    }
    List<Object> parts = new ArrayList<>(columns.length);
    for (int i : columns) {
      parts.add(part(row[i]));
    }
    return parts;
  }

  private static Object part(Object value) {
    return value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
  }
}
