package io.github.maxcdc.jdbc.internal.exec;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the statements of one write in order: consecutive statements of the same SQL go in one JDBC
 * batch (or, without batching, each is executed at once), every result is checked, and a delete
 * that found no row is counted. A statement whose result decides what follows is executed at once
 * ({@link #single}, {@link #execute}) after the batch before it. Not thread-safe.
 */
final class StatementBatch {
  private final StatementCache statements;
  private final boolean batching;
  private final EventWriter.Counts counts;
  private PreparedStatement pending;
  private String pendingSql;
  private int pendingCount;
  private boolean pendingIsDelete;

  StatementBatch(StatementCache statements, boolean batching, EventWriter.Counts counts) {
    this.statements = statements;
    this.batching = batching;
    this.counts = counts;
  }

  /**
   * The statement of {@code sql} to bind and {@link #add}: the pending batch's, or a new one after
   * the pending batch is executed. A delete ({@code isDelete}) matching no row is counted missing.
   */
  PreparedStatement statement(String sql, boolean isDelete) throws SQLException {
    if (!sql.equals(pendingSql)) {
      flush();
      pending = statements.get(sql);
      pendingSql = sql;
      pendingIsDelete = isDelete;
    }
    return pending;
  }

  /** Adds the bound statement to the batch, or executes it without batching. */
  void add(PreparedStatement s) throws SQLException {
    if (batching) {
      s.addBatch();
      pendingCount++;
    } else {
      check(new int[] {s.executeUpdate()});
      counts.batches++;
    }
  }

  /** The statement of {@code sql}, for {@link #execute}: the pending batch is executed first. */
  PreparedStatement single(String sql) throws SQLException {
    flush();
    return statements.get(sql);
  }

  /** Executes a statement of {@link #single} at once; returns the rows it matched. */
  int execute(PreparedStatement s) throws SQLException {
    counts.batches++;
    return s.executeUpdate();
  }

  /** Executes the pending batch and checks its results. */
  void flush() throws SQLException {
    if (pending != null && pendingCount > 0) {
      int[] results = pending.executeBatch();
      counts.batches++;
      if (results.length != pendingCount) {
        throw new SQLException(
            "the target answered "
                + results.length
                + " results for a batch of "
                + pendingCount
                + " statements");
      }
      check(results);
    }
    pendingCount = 0;
    pendingSql = null;
    pending = null;
  }

  private void check(int[] results) throws SQLException {
    for (int result : results) {
      if (result == Statement.EXECUTE_FAILED) {
        throw new SQLException("a statement of the batch failed: " + pendingSql);
      }
      if (result == 0 && pendingIsDelete) {
        counts.missingRows++;
      }
    }
  }
}
