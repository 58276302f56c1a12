package io.github.maxcdc.jdbc;

/**
 * The shape of the target table: a mirror of the source, an append-only history of its changes, or
 * a slowly changing dimension of type 2 (one row per version of a source row). Chosen with {@link
 * JdbcSink.Builder#targetMode}; the README's "Target shapes" section shows the tables and the
 * queries each shape answers.
 */
public enum TargetMode {
  /**
   * The target holds the source's rows: inserts and updates are upserts, deletes delete (or mark,
   * see {@link DeleteMode}). The default.
   */
  MIRROR,

  /**
   * The target is an append-only change table: every change is one row, the row image (the after
   * image of an insert or update, the before image of a delete) and four columns naming the change
   * ({@link HistoryColumns}). Its primary key is the change's GTID and event number, so a change
   * that arrives again is not written twice.
   */
  HISTORY,

  /**
   * The target holds one row per version of a source row, valid from a commit time to the next
   * ({@link Scd2Columns}): an insert opens a version, an update closes the current one and opens
   * the next, a delete closes it. Its primary key is the source key and the version's start.
   */
  SCD2
}
