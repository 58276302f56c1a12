package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.TxContext;
import java.util.Map;
import java.util.Objects;

/**
 * Exposes an internal transaction through the public {@link Transaction} interface. Confined to its
 * thread.
 */
final class TransactionAdapter implements Transaction {
  private final TxContext tx;

  TransactionAdapter(TxContext tx) {
    this.tx = tx;
  }

  @Override
  public void insert(ScriptedTable table, Map<String, ?> row) {
    tx.insert(Objects.requireNonNull(table, "table").model(), Objects.requireNonNull(row, "row"));
  }

  @Override
  public int update(ScriptedTable table, Map<String, ?> where, Map<String, ?> changes) {
    return update(table, where, changes, Long.MAX_VALUE);
  }

  @Override
  public int update(ScriptedTable table, Map<String, ?> where, Map<String, ?> changes, int limit) {
    return update(table, where, changes, (long) requireLimit(limit));
  }

  private int update(ScriptedTable table, Map<String, ?> where, Map<String, ?> changes, long n) {
    return tx.update(
        Objects.requireNonNull(table, "table").model(),
        Objects.requireNonNull(where, "where"),
        Objects.requireNonNull(changes, "changes"),
        n);
  }

  @Override
  public int delete(ScriptedTable table, Map<String, ?> where) {
    return delete(table, where, Long.MAX_VALUE);
  }

  @Override
  public int delete(ScriptedTable table, Map<String, ?> where, int limit) {
    return delete(table, where, (long) requireLimit(limit));
  }

  private int delete(ScriptedTable table, Map<String, ?> where, long n) {
    return tx.delete(
        Objects.requireNonNull(table, "table").model(), Objects.requireNonNull(where, "where"), n);
  }

  /** Checks a {@code LIMIT}; also used by {@link ScriptedTable}. */
  static int requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return limit;
  }
}
