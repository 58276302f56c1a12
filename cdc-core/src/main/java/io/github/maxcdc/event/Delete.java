package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;
import java.util.Objects;

/**
 * A removed row.
 *
 * @param schema schema of the row image
 * @param gtid GTID of the source transaction
 * @param eventNumber event number inside the transaction
 * @param timestamp commit time
 * @param before the row as it was
 * @param sourceOffset where the source resumes after this change ({@link
 *     StreamPosition#sourceOffset()}), or null
 */
public record Delete(
    TableSchema schema,
    Gtid gtid,
    int eventNumber,
    Instant timestamp,
    Row before,
    String sourceOffset)
    implements ChangeEvent {

  /** Validates the components. */
  public Delete {
    Events.check(schema, gtid, eventNumber, timestamp);
    Objects.requireNonNull(before, "before");
  }

  /** An event without a source offset. */
  public Delete(TableSchema schema, Gtid gtid, int eventNumber, Instant timestamp, Row before) {
    this(schema, gtid, eventNumber, timestamp, before, null);
  }

  @Override
  public ChangeType type() {
    return ChangeType.DELETE;
  }

  /** Always null: a delete has no after image. */
  @Override
  public Row after() {
    return null;
  }

  @Override
  public StreamPosition position() {
    return new StreamPosition(gtid, eventNumber, sourceOffset);
  }
}
