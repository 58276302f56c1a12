package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.event.TableId;
import java.util.Objects;

/**
 * One record to publish to a table's topic: its key and value bytes, as {@link EnvelopeWriter}
 * encodes them.
 *
 * @param table the source table, whose topic receives the record
 * @param op the record's operation
 * @param key the JSON object of the row's key columns
 * @param value the envelope
 */
public record EnvelopeRecord(TableId table, EnvelopeOp op, byte[] key, byte[] value) {
  /** Checks the components. */
  public EnvelopeRecord {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
