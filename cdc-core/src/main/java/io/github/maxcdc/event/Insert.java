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
 */
public record Insert(TableSchema schema, Gtid gtid, int eventNumber, Instant timestamp, Row after)
    implements ChangeEvent {

  /** Validates the components. */
  public Insert {
    Events.check(schema, gtid, eventNumber, timestamp);
    Objects.requireNonNull(after, "after");
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
    return new StreamPosition(gtid, eventNumber);
  }
}
