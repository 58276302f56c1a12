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
   * Deletes the rows whose columns equal {@code where}.
   *
   * @param table the table
   * @param where column name to value (a null value matches NULL; an empty map matches every row)
   * @return the number of rows deleted
   */
  int delete(ScriptedTable table, Map<String, ?> where);
}
