package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.jdbc.HistoryColumns;
import io.github.maxcdc.jdbc.Scd2Columns;
import io.github.maxcdc.jdbc.TargetMode;

/**
 * The statements of a history or SCD2 table ({@link ShapePlans}). Immutable.
 *
 * <p>History: {@link #appendSql(int)} appends rows, the plan's columns then the four history
 * columns. SCD2: {@link #closeSql()} closes a key's current version, {@link #dropSql()} removes one
 * opened at the same commit time, {@link #openSql(int)} opens versions, the plan's columns then
 * valid-from, valid-to and current (an existing version of the same key and start is overwritten:
 * the last image of an instant wins).
 */
public final class ShapeSql {
  private final TargetMode mode;
  private final HistoryColumns history;
  private final Scd2Columns scd2;
  private final RowsSql rows; // appends (history) or opens (SCD2)
  private final String close;
  private final String drop;

  ShapeSql(
      TargetMode mode,
      HistoryColumns history,
      Scd2Columns scd2,
      RowsSql rows,
      String close,
      String drop) {
    this.mode = mode;
    this.history = history;
    this.scd2 = scd2;
    this.rows = rows;
    this.close = close;
    this.drop = drop;
  }

  /** {@link TargetMode#HISTORY} or {@link TargetMode#SCD2}. */
  public TargetMode mode() {
    return mode;
  }

  /** The history columns' names. */
  public HistoryColumns history() {
    return history;
  }

  /** The SCD2 columns' names and the end of a current version. */
  public Scd2Columns scd2() {
    return scd2;
  }

  /** The most rows of one append or open statement. */
  public int maxRows() {
    return rows.maxRows();
  }

  /** History: the append of {@code n} rows, from 1 to {@link #maxRows()}. */
  public String appendSql(int n) {
    return rows.sql(n);
  }

  /** SCD2: the opening of {@code n} versions, from 1 to {@link #maxRows()}. */
  public String openSql(int n) {
    return rows.sql(n);
  }

  /** SCD2: the closing of a key's current version (parameters: time, key..., time). */
  public String closeSql() {
    return close;
  }

  /** SCD2: the removal of a key's current version opened at a time (key..., time). */
  public String dropSql() {
    return drop;
  }
}
