package io.github.maxcdc.testkit.internal.scripted;

/**
 * One row image of a transaction, before conversion to Avro. Immutable (the value array is never
 * modified after construction).
 *
 * @param table the table
 * @param eventType index into the event type enum (insert, update_before, update_after, delete)
 * @param values canonical values in column order
 */
record RowEvent(TableModel table, int eventType, Object[] values) {
  static final int INSERT = 0;
  static final int UPDATE_BEFORE = 1;
  static final int UPDATE_AFTER = 2;
  static final int DELETE = 3;
}
