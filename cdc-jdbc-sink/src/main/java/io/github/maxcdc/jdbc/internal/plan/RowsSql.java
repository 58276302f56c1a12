package io.github.maxcdc.jdbc.internal.plan;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The text of one multi-row statement for every row count from 1 to a bound, each built on first
 * use: a run of changes is written in a statement of its exact length, and most runs are short, so
 * building all the texts up front would cost memory for nothing. Thread-safe (a text built twice by
 * two threads is the same text).
 */
final class RowsSql {
  private final IntFunction<String> build;
  private final AtomicReferenceArray<String> texts;

  /**
   * @param maxRows the most rows of one statement, at least 1
   * @param build the text of the statement of that many rows
   */
  RowsSql(int maxRows, IntFunction<String> build) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.build = build;
    this.texts = new AtomicReferenceArray<>(maxRows + 1);
  }

  /** The most rows of one statement. */
  int maxRows() {
    return texts.length() - 1;
  }

  /**
   * The statement of {@code rows} rows.
   *
   * @throws IllegalArgumentException if {@code rows} is not between 1 and {@link #maxRows()}
   */
  String sql(int rows) {
    if (rows < 1 || rows > maxRows()) {
      throw new IllegalArgumentException(
          "rows must be between 1 and " + maxRows() + ", got " + rows);
    }
    String text = texts.get(rows);
    if (text == null) {
      text = build.apply(rows);
      texts.set(rows, text);
    }
    return text;
  }
}
