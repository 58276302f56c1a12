package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;
import java.util.Objects;

/**
 * A changed row: MaxScale's {@code update_before} and {@code update_after} records made one.
 *
 * @param schema schema of both row images
 * @param gtid GTID of the source transaction
 * @param eventNumber event number of the {@code update_before} record
 * @param afterEventNumber event number of the {@code update_after} record (MaxScale numbers them
 *     consecutively)
 * @param timestamp commit time
 * @param before the row before the change
 * @param after the row after the change
 * @param sourceOffset where the source resumes after this change ({@link
 *     StreamPosition#sourceOffset()}), or null
 */
public record Update(
    TableSchema schema,
    Gtid gtid,
    int eventNumber,
    int afterEventNumber,
    Instant timestamp,
    Row before,
    Row after,
    String sourceOffset)
    implements ChangeEvent {

  /** Validates the components. */
  public Update {
    Events.check(schema, gtid, eventNumber, timestamp);
    if (afterEventNumber <= eventNumber) {
      throw new IllegalArgumentException(
          "afterEventNumber ("
              + afterEventNumber
              + ") must follow eventNumber ("
              + eventNumber
              + ")");
    }
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /** An update without a source offset. */
  public Update(
      TableSchema schema,
      Gtid gtid,
      int eventNumber,
      int afterEventNumber,
      Instant timestamp,
      Row before,
      Row after) {
    this(schema, gtid, eventNumber, afterEventNumber, timestamp, before, after, null);
  }

  @Override
  public ChangeType type() {
    return ChangeType.UPDATE;
  }

  /** Position of the {@code update_after} record. */
  @Override
  public StreamPosition position() {
    return new StreamPosition(gtid, afterEventNumber, sourceOffset);
  }
}
