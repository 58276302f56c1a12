package io.github.maxcdc.jdbc.internal.verify;

import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.verify.Side.Keyed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the target's rows of one key range those of the source: the rows the target lacks or holds
 * differently are read from the source and upserted (their compared columns), the rows the source
 * does not have are deleted, in one target transaction per range. Idempotent: a range repaired
 * twice is written once. Not thread-safe.
 */
final class RangeRepair {
  private static final int ROWS_PER_STATEMENT = 200;

  private final Side source;
  private final Side target;
  private final Connection writer;
  private long written;
  private long deleted;

  /**
   * @param writer a connection to the target that may write, autocommit off, session time zone UTC
   *     (the values are read from the source in UTC)
   */
  RangeRepair(Side source, Side target, Connection writer) {
    this.source = source;
    this.target = target;
    this.writer = writer;
  }

  /** Repairs the rows in (lo, hi] and commits. */
  void repair(List<Object> lo, List<Object> hi) throws SQLException {
    Map<String, Keyed> here = source.hashes(lo, hi);
    Map<String, Keyed> there = target.hashes(lo, hi);
    Set<String> wanted = new HashSet<>();
    for (Map.Entry<String, Keyed> e : here.entrySet()) {
      Keyed t = there.get(e.getKey());
      if (t == null || !t.hash().equals(e.getValue().hash())) {
        wanted.add(e.getKey());
      }
    }
    List<List<Object>> extra = new ArrayList<>();
    for (Map.Entry<String, Keyed> e : there.entrySet()) {
      if (!here.containsKey(e.getKey())) {
        extra.add(e.getValue().key());
      }
    }
    if (wanted.isEmpty() && extra.isEmpty()) {
      return;
    }
    try {
      upsert(wanted.isEmpty() ? List.of() : source.rows(lo, hi, wanted));
      delete(extra);
      writer.commit();
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  /** Rows written so far. */
  long written() {
    return written;
  }

  /** Rows deleted so far. */
  long deleted() {
    return deleted;
  }

  private void upsert(List<Object[]> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      int n = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
      String sql = MariaDbDialect.upsert(target.table(), target.names(), target.keys(), n);
      try (PreparedStatement p = writer.prepareStatement(sql)) {
        int i = 1;
        for (Object[] row : rows.subList(from, from + n)) {
          for (Object value : row) {
            if (value instanceof byte[] b) {
              p.setBytes(i++, b);
            } else {
              p.setString(i++, (String) value);
            }
          }
        }
        p.executeUpdate();
      }
      written += n;
    }
  }

  private void delete(List<List<Object>> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    String sql =
        "DELETE FROM "
            + MariaDbDialect.table(target.table())
            + " WHERE "
            + Canonical.equal(target.keys());
    try (PreparedStatement p = writer.prepareStatement(sql)) {
      for (List<Object> key : keys) {
        for (int k = 0; k < key.size(); k++) {
          target.bindKey(p, k + 1, key.get(k), k);
        }
        p.addBatch();
      }
      p.executeBatch();
    }
    deleted += keys.size();
  }
}
