package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import java.time.Instant;
import java.util.Objects;

/** Validation shared by the event records. */
final class Events {
  private Events() {}

  static void check(TableSchema schema, Gtid gtid, int eventNumber, Instant timestamp) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(gtid, "gtid");
    Objects.requireNonNull(timestamp, "timestamp");
    if (eventNumber < 1) {
      throw new IllegalArgumentException("eventNumber must be at least 1, got " + eventNumber);
    }
  }
}
