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
    return tx.update(
        Objects.requireNonNull(table, "table").model(),
        Objects.requireNonNull(where, "where"),
        Objects.requireNonNull(changes, "changes"));
  }

  @Override
  public int delete(ScriptedTable table, Map<String, ?> where) {
    return tx.delete(
        Objects.requireNonNull(table, "table").model(), Objects.requireNonNull(where, "where"));
  }
}
