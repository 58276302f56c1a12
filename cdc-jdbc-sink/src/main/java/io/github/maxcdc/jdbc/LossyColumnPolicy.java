package io.github.maxcdc.jdbc;

/**
 * What the sink does with a source column MaxScale cannot carry exactly (a column whose caveats
 * include a lossy one: BIT and JSON are never carried, VARBINARY is cut at its first NUL byte,
 * negative TIME values are corrupted; see the README's type table).
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
  WRITE
}
