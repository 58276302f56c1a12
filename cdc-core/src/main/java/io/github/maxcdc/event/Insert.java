package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;
import java.util.Objects;

/**
 * A new row.
 *
 * @param schema schema of the row image
 * @param gtid GTID of the source transaction
 * @param eventNumber event number inside the transaction
 * @param timestamp commit time
 * @param after the new row
 * @param sourceOffset where the source resumes after this change ({@link
 *     StreamPosition#sourceOffset()}), or null
 */
public record Insert(
    TableSchema schema,
    Gtid gtid,
    int eventNumber,
    Instant timestamp,
    Row after,
    String sourceOffset)
    implements ChangeEvent {

  /** Validates the components. */
  public Insert {
    Events.check(schema, gtid, eventNumber, timestamp);
    Objects.requireNonNull(after, "after");
  }

  /** An event without a source offset. */
  public Insert(TableSchema schema, Gtid gtid, int eventNumber, Instant timestamp, Row after) {
    this(schema, gtid, eventNumber, timestamp, after, null);
  }

  @Override
  public ChangeType type() {
    return ChangeType.INSERT;
  }

  /** Always null: an insert has no before image. */
  @Override
  public Row before() {
    return null;
  }

  @Override
  public StreamPosition position() {
    return new StreamPosition(gtid, eventNumber, sourceOffset);
  }
}
