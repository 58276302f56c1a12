package io.github.maxcdc.testkit;

import java.util.Map;

/**
 * The statements of one scripted transaction, see {@link FakeMaxScale#transaction}. All row events
 * of a transaction share one GTID and are numbered 1..n ({@code event_number}) in statement order;
 * each statement sees the effects of the previous ones. Only valid inside the callback, on its
 * thread.
 */
public interface Transaction {

  /**
   * Inserts a row.
   *
   * @param table the table
   * @param row column name to value; absent columns get their default (see {@link
   *     ScriptedTable#insert})
   */
  void insert(ScriptedTable table, Map<String, ?> row);

  /**
   * Updates the rows whose columns equal {@code where} (a null value matches NULL; an empty map
   * matches every row). Each changed row gives an {@code update_before} and an {@code update_after}
   * event; rows left unchanged give none, like MariaDB.
   *
   * @param table the table
   * @param where column name to value
   * @param changes column name to new value
   * @return the number of rows changed
   */
  int update(ScriptedTable table, Map<String, ?> where, Map<String, ?> changes);

  /**
   * Updates at most {@code limit} of the rows whose columns equal {@code where}, the first ones in
   * table order, like {@code UPDATE ... LIMIT n} (which counts the rows matched, changed or not):
   * with {@code limit} 1, one of several identical rows of a table without a primary key.
   *
   * @param table the table
   * @param where column name to value
   * @param changes column name to new value
   * @param limit most rows matched, at least 1
   * @return the number of rows changed
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  int update(ScriptedTable table, Map<String, ?> where, Map<String, ?> changes, int limit);

  /**
   * Deletes the rows whose columns equal {@code where}.
   *
   * @param table the table
   * @param where column name to value (a null value matches NULL; an empty map matches every row)
   * @return the number of rows deleted
   */
  int delete(ScriptedTable table, Map<String, ?> where);

  /**
   * Deletes at most {@code limit} of the rows whose columns equal {@code where}, the first ones in
   * table order, like {@code DELETE ... LIMIT n}.
   *
   * @param table the table
   * @param where column name to value (a null value matches NULL; an empty map matches every row)
   * @param limit most rows deleted, at least 1
   * @return the number of rows deleted
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  int delete(ScriptedTable table, Map<String, ?> where, int limit);
}
