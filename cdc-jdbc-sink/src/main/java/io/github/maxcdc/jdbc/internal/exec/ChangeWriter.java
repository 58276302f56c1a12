package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes events to the target inside the caller's transaction, in the shape of the plan ({@link
 * TargetMode}): {@link EventWriter} for a mirror, {@link HistoryWriter}, {@link Scd2Writer}.
 */
interface ChangeWriter {
  /**
   * Writes {@code events} with {@code plan}.
   *
   * @throws SinkDataException if a value cannot be written exactly (the sink's own refusal)
   * @throws SQLException if the target refused a statement
   */
  EventWriter.Counts write(WritePlan plan, List<ChangeEvent> events)
      throws SQLException, SinkException;

  /** The writer of {@code plan}'s shape. */
  static ChangeWriter of(
      WritePlan plan,
      StatementCache statements,
      io.github.maxcdc.jdbc.AmbiguousValuePolicy ambiguous,
      boolean batching,
      SourceRows source) {
    switch (plan.mode()) {
      case HISTORY:
        return new HistoryWriter(new ImageBinder(statements, ambiguous, batching, source));
      case SCD2:
        return new Scd2Writer(new ImageBinder(statements, ambiguous, batching, source));
      default:
        return new EventWriter(statements, ambiguous, batching, source);
    }
  }
}
