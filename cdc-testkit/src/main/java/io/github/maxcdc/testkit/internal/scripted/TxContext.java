package io.github.maxcdc.testkit.internal.scripted;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open transaction: applies row changes to the tables at once (later statements see earlier
 * ones) and collects the row events; {@link #rollback()} restores every touched table. Confined to
 * the thread that holds the scripted database's lock.
 */
public final class TxContext {
  private final Instant now;
  private final ZoneId zone;
  private final List<RowEvent> events = new ArrayList<>();
  private final Map<TableModel, TableModel.Snapshot> touched = new IdentityHashMap<>();

  TxContext(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  Instant now() {
    return now;
  }

  List<RowEvent> events() {
    return events;
  }

  private void touch(TableModel t) {
    touched.computeIfAbsent(t, TableModel::snapshot);
  }

  /**
   * Inserts a row.
   *
   * @param t the table
   * @param values column name to Java value; absent columns get their default
   */
  public void insert(TableModel t, Map<String, ?> values) {
    touch(t);
    Object[] row = t.newRow(values, now, zone);
    t.addRow(row);
    events.add(new RowEvent(t, RowEvent.INSERT, row));
  }

  /**
   * Updates the rows matching {@code where}, at most {@code limit} of them in table order (like
   * {@code UPDATE ... LIMIT n}, which counts the rows matched); rows left unchanged produce no
   * event, like MariaDB.
   *
   * @param t the table
   * @param where column name to value; a null value matches NULL
   * @param changes column name to new value
   * @param limit most rows matched
   * @return the number of rows changed
   */
  public int update(TableModel t, Map<String, ?> where, Map<String, ?> changes, long limit) {
    touch(t);
    int changed = 0;
    long matched = 0;
    for (Object[] before : t.candidates(where)) {
      if (matched == limit || !t.matches(before, where)) {
        continue;
      }
      matched++;
      Object[] after = t.applied(before, changes);
      if (Values.rowsEqual(before, after)) {
        continue;
      }
      t.checkKey(after, before);
      t.replaceRow(before, after);
      events.add(new RowEvent(t, RowEvent.UPDATE_BEFORE, before));
      events.add(new RowEvent(t, RowEvent.UPDATE_AFTER, after));
      changed++;
    }
    return changed;
  }

  /**
   * Deletes the rows matching {@code where}, at most {@code limit} of them in table order (like
   * {@code DELETE ... LIMIT n}).
   *
   * @param t the table
   * @param where column name to value; a null value matches NULL
   * @param limit most rows deleted
   * @return the number of rows deleted
   */
  public int delete(TableModel t, Map<String, ?> where, long limit) {
    touch(t);
    int deleted = 0;
    for (Object[] row : t.candidates(where)) {
      if (deleted < limit && t.matches(row, where)) {
        t.removeRow(row);
        events.add(new RowEvent(t, RowEvent.DELETE, row));
        deleted++;
      }
    }
    return deleted;
  }

  void rollback() {
    touched.forEach(TableModel::restore);
  }
}
