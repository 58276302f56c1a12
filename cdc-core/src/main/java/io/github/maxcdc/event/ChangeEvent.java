package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;

/**
 * One row change of a source table: an {@link Insert}, an {@link Update} (MaxScale's {@code
 * update_before}/{@code update_after} pair made one) or a {@link Delete}.
 *
 * <p>Every event carries its table and schema version ({@link #schema()}), the GTID of its
 * transaction, its event number inside that transaction, the commit timestamp, and its {@link
 * #position()}: what to store to resume right after it. Events are immutable.
 *
 * <pre>{@code
 * switch (event) {
 *   case Insert insert -> System.out.println("new " + insert.after());
 *   case Update update -> System.out.println(update.before() + " -> " + update.after());
 *   case Delete delete -> System.out.println("gone " + delete.before());
 * }
 * }</pre>
 *
 * (a pattern {@code switch} as above needs Java 21; on Java 17 use {@link #type()} or {@code
 * instanceof}.)
 */
public sealed interface ChangeEvent permits Insert, Update, Delete {

  /** The schema (table and version) the row images follow. */
  TableSchema schema();

  /** The GTID of the source transaction. */
  Gtid gtid();

  /**
   * The event number (1-based, inside the transaction) of the change's first stream record; for an
   * update, that of its {@code update_before} record.
   */
  int eventNumber();

  /** The commit time of the transaction, to the second (the binlog event time). */
  Instant timestamp();

  /** The kind of change. */
  ChangeType type();

  /** The row before the change, or null for an insert. */
  Row before();

  /** The row after the change, or null for a delete. */
  Row after();

  /** The row as the change leaves it, or as it was before a delete: never null. */
  default Row row() {
    Row after = after();
    return after != null ? after : before();
  }

  /** Position of the change's last stream record: store it to resume right after this change. */
  StreamPosition position();

  /** The source table. */
  default TableId table() {
    return schema().table();
  }

  /** The schema version of the table. */
  default int schemaVersion() {
    return schema().version();
  }
}
