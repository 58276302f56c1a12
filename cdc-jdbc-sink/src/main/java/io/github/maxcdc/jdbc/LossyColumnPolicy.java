package io.github.maxcdc.jdbc;

/**
 * What the sink does with a source column MaxScale cannot carry exactly (a column whose caveats
 * include a lossy one: BIT and JSON are never carried, VARBINARY is cut at its first NUL byte,
 * negative TIME values are corrupted; see the README's type table), and, with {@link #REREAD}, with
 * a value that cannot be trusted in any column.
 */
public enum LossyColumnPolicy {
  /** Stop with an error naming the column (default): nothing is written silently wrong. */
  FAIL,
  /** Never write the column: the target keeps its value (or its default on insert). */
  SKIP,
  /**
   * Write what arrived (VARBINARY and TIME only; BIT and JSON carry nothing and are skipped): for
   * tables known not to hold the values MaxScale damages.
   */
  WRITE,
  /**
   * Read the value from the source database by key (needs {@link JdbcSink.Builder#source}), batched
   * once per commit: the exact value, as the source holds it when the sink reads it, which may be
   * newer than the change being applied (later changes of the row follow, so the target converges
   * to the source). A row gone from the source keeps its target value: its delete is on its way.
   * With a source this is the default, and it also re-reads the untrustworthy values ({@code
   * INEXACT}, {@code AMBIGUOUS}, {@code CORRUPT}) of the other columns.
   */
  REREAD
}
