package io.github.maxcdc.testkit.internal.scripted;

import java.util.List;

/**
 * Computes the values of generated columns ({@code AS (expr) STORED|VIRTUAL}) in a row, in column
 * order, so that an expression sees the generated columns before its own. Stateless.
 */
final class GeneratedColumns {
  private GeneratedColumns() {}

  static boolean any(List<ColumnDef> columns) {
    return columns.stream().anyMatch(c -> c.generation() != null);
  }

  /**
   * Computes every generated column of {@code row} in place.
   *
   * @param columns the table's columns
   * @param row the row, its other columns already set
   * @param table the qualified table name, for messages
   * @throws IllegalArgumentException if an expression fails or its value does not fit the column
   */
  static void compute(List<ColumnDef> columns, Object[] row, String table) {
    for (int i = 0; i < row.length; i++) {
      ColumnDef c = columns.get(i);
      if (c.generation() == null) {
        continue;
      }
      Object value;
      try {
        value = c.generation().expression().apply(new RowView(columns, row));
      } catch (IllegalArgumentException e) {
        throw failure(c, table, e.getMessage(), e);
      } catch (RuntimeException e) {
        throw failure(c, table, "its expression threw " + e, e);
      }
      try {
        row[i] = c.normalize(value);
      } catch (IllegalArgumentException e) {
        throw failure(c, table, "its value does not fit: " + e.getMessage(), e);
      }
    }
  }

  private static IllegalArgumentException failure(
      ColumnDef c, String table, String what, Exception cause) {
    return new IllegalArgumentException(
        "generated column '" + c.name() + "' of " + table + ": " + what, cause);
  }

  /**
   * The error for a statement that gives a generated column a value: MariaDB's strict mode refuses
   * it.
   */
  static IllegalArgumentException given(ColumnDef c, String table) {
    return new IllegalArgumentException(
        "column '"
            + c.name()
            + "' of "
            + table
            + " is generated ("
            + c.generation()
            + "): its value is computed, an insert or update cannot set it");
  }
}
