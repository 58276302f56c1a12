package io.github.maxcdc.jdbc.internal.snapshot;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes copied rows to the target as multi-row upserts ({@code INSERT ... ON DUPLICATE KEY
 * UPDATE}: a row the target already has, from an earlier attempt or a stream, is overwritten with
 * the snapshot's image). Values are the source's own text or bytes; the soft-delete column, if any,
 * is written as not deleted. Not thread-safe.
 */
final class ChunkWriter {
  /** Bound parameters of one statement, at most. */
  private static final int MAX_PARAMETERS = 8_192;

  private final TableId target;
  private final List<String> columns; // target names of the copied columns
  private final List<String> keys;
  private final String softDelete; // target column, or null
  private final Object notDeleted; // its value for a row that exists
  private final int rowsPerStatement;
  private final Map<Integer, String> sqlByRows = new HashMap<>();

  ChunkWriter(
      TableId target,
      List<String> columns,
      List<String> keys,
      String softDelete,
      Object notDeleted,
      int rowsPerStatement) {
    this.target = target;
    this.columns = softDelete == null ? columns : append(columns, softDelete);
    this.keys = keys;
    this.softDelete = softDelete;
    this.notDeleted = notDeleted;
    this.rowsPerStatement =
        Math.max(1, Math.min(rowsPerStatement, MAX_PARAMETERS / this.columns.size()));
  }

  private static List<String> append(List<String> list, String last) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(last);
    return all;
  }

  /** Writes {@code rows} (values in {@link #columns} order, soft-delete column excluded). */
  void write(Connection c, List<Object[]> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += rowsPerStatement) {
      int n = Math.min(rowsPerStatement, rows.size() - from);
      String sql =
          sqlByRows.computeIfAbsent(n, k -> MariaDbDialect.upsert(target, columns, keys, k));
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int p = 1;
        for (int r = from; r < from + n; r++) {
          for (Object value : rows.get(r)) {
            if (value == null) {
              s.setObject(p++, null);
            } else if (value instanceof byte[] b) {
              s.setBytes(p++, b);
            } else {
              s.setString(p++, (String) value);
            }
          }
          if (softDelete != null) {
            s.setObject(p++, notDeleted);
          }
        }
        s.executeUpdate();
      }
    }
  }
}
