package io.github.maxcdc.metrics;

import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client or a sink has done so far: named counters (monotonic, e.g. {@code events}, {@code
 * bytes}, {@code reconnects}, {@code retries}), the last position and its source commit time.
 * Immutable.
 *
 * @param source what the numbers are about, e.g. {@code client shop_tx.commandes}
 * @param at when the snapshot was taken
 * @param counters counters by name, in a stable order
 * @param lastPosition the last change delivered (client) or committed (sink), or null
 * @param lastSourceTimestamp that change's commit time at the source, or null
 */
public record MetricsSnapshot(
    String source,
    Instant at,
    Map<String, Long> counters,
    StreamPosition lastPosition,
    Instant lastSourceTimestamp) {

  /** Validates and copies the components. */
  public MetricsSnapshot {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  /** The counter named {@code name}, 0 if there is none. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The last position, if any. */
  public Optional<StreamPosition> last() {
    return Optional.ofNullable(lastPosition);
  }

  /**
   * How far behind the source: {@link #at()} minus the last change's commit time (zero before one).
   */
  public Duration lag() {
    return lastSourceTimestamp == null ? Duration.ZERO : Duration.between(lastSourceTimestamp, at);
  }
}
