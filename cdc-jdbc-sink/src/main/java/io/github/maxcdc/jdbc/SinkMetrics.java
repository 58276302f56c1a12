package io.github.maxcdc.jdbc;

import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of what a sink has done since it started.
 *
 * @param inserts insert events applied
 * @param updates update events applied
 * @param deletes delete events applied
 * @param transactions source transactions committed (one split for its size counts once)
 * @param commits target transactions committed
 * @param batches JDBC batches executed
 * @param retries transient failures retried
 * @param ambiguousValues ambiguous values written with their likelier reading
 * @param missingRows deletes and updates whose target row was not there
 * @param rereadRows rows written with values re-read from the source ({@link
 *     LossyColumnPolicy#REREAD})
 * @param goneRows upserts not written because the source no longer had the row when it was re-read
 *     (a later change of the stream deletes it or changes its key)
 * @param lastPosition position of the last change committed, or null
 * @param lastSourceTimestamp commit time of that change at the source, or null
 * @param at when the snapshot was taken
 */
public record SinkMetrics(
    long inserts,
    long updates,
    long deletes,
    long transactions,
    long commits,
    long batches,
    long retries,
    long ambiguousValues,
    long missingRows,
    long rereadRows,
    long goneRows,
    StreamPosition lastPosition,
    Instant lastSourceTimestamp,
    Instant at) {

  /** Changes applied, all types. */
  public long events() {
    return inserts + updates + deletes;
  }

  /** Position of the last change committed. */
  public Optional<StreamPosition> last() {
    return Optional.ofNullable(lastPosition);
  }

  /**
   * How far the target is behind the source: the snapshot time minus the source commit time of the
   * last change committed (zero before the first).
   */
  public Duration lag() {
    return lastSourceTimestamp == null ? Duration.ZERO : Duration.between(lastSourceTimestamp, at);
  }
}
