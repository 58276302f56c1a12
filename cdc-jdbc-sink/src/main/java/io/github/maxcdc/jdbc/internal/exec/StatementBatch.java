package io.github.maxcdc.jdbc.internal.exec;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the statements of one write in order: consecutive statements of the same SQL go in one JDBC
 * batch (or, without batching, each is executed at once), every result is checked, and each key of
 * a delete that found no row is counted. A statement whose result decides what follows is executed
 * at once ({@link #single}, {@link #execute}) after the batch before it. Not thread-safe.
 */
final class StatementBatch {
  private final StatementCache statements;
  private final boolean batching;
  private final EventWriter.Counts counts;
  private PreparedStatement pending;
  private String pendingSql;
  private int pendingCount;
  private int pendingDeletes; // keys each statement of the batch deletes, 0 for other statements

  StatementBatch(StatementCache statements, boolean batching, EventWriter.Counts counts) {
    this.statements = statements;
    this.batching = batching;
    this.counts = counts;
  }

  /**
   * The statement of {@code sql} to bind and {@link #add}: the pending batch's, or a new one after
   * the pending batch is executed.
   *
   * @param deletes how many keys the statement deletes (a delete matching fewer rows than keys
   *     counts the others missing); 0 for a statement that deletes nothing
   */
  PreparedStatement statement(String sql, int deletes) throws SQLException {
    // the delete by key before an insert has the text of a hard delete, but a row it does not
    // find is expected: a batch of its own
    if (!sql.equals(pendingSql) || deletes != pendingDeletes) {
      flush();
      pending = statements.get(sql);
      pendingSql = sql;
      pendingDeletes = deletes;
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
      // SUCCESS_NO_INFO (the bulk protocol) says nothing of the rows matched
      if (result >= 0 && result < pendingDeletes) {
        counts.missingRows += pendingDeletes - result;
      }
    }
  }
}
