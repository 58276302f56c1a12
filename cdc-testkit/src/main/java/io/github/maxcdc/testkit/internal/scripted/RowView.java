package io.github.maxcdc.testkit.internal.scripted;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A row as a generated column's expression reads it: column name (case-insensitive, like SQL) to
 * the Java value a test would supply ({@link ColumnDef#javaValue}), null for NULL. Reading a column
 * the table does not have throws, so that an expression left reading a dropped or renamed column
 * fails loudly instead of computing from NULL. Read-only; valid while its statement runs.
 */
final class RowView extends AbstractMap<String, Object> {
  private final List<ColumnDef> columns;
  private final Object[] row;

  RowView(List<ColumnDef> columns, Object[] row) {
    this.columns = columns;
    this.row = row;
  }

  private int index(Object key) {
    if (key instanceof String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(lower)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Returns a column's value.
   *
   * @throws IllegalArgumentException if the table has no such column
   */
  @Override
  public Object get(Object key) {
    int i = index(key);
    if (i < 0) {
      throw new IllegalArgumentException("reads unknown column '" + key + "'");
    }
    return columns.get(i).javaValue(row[i]);
  }

  @Override
  public Object getOrDefault(Object key, Object defaultValue) {
    int i = index(key);
    return i < 0 ? defaultValue : columns.get(i).javaValue(row[i]);
  }

  @Override
  public boolean containsKey(Object key) {
    return index(key) >= 0;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      all.put(columns.get(i).name(), columns.get(i).javaValue(row[i]));
    }
    return Collections.unmodifiableMap(all).entrySet();
  }
}
