package io.github.maxcdc.spi;

import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.Gtid;
import java.util.Objects;

/**
 * A record of a change stream as the source sent it: a schema version starting, or one row record.
 */
public sealed interface SourceItem
    permits SourceItem.Schema, SourceItem.RawRow, SourceItem.Warning {

  /**
   * Something the source wants a person to know that does not stop the stream (e.g. the column
   * types of an AVRO schema could not be looked up). The client logs it and passes it to the
   * lifecycle listener.
   *
   * @param message the warning, no secrets
   */
  record Warning(String message) implements SourceItem {
    /** Validates the component. */
    public Warning {
      java.util.Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A schema version starts: the following rows follow it. Sources do not repeat an item for a
   * schema that is already current (MaxScale re-sends AVRO headers).
   *
   * @param schema the schema, not null
   */
  record Schema(TableSchema schema) implements SourceItem {
    /** Validates the component. */
    public Schema {
      Objects.requireNonNull(schema, "schema");
    }
  }

  /**
   * The raw value of a column the record left out: KafkaCDC writes no key for a binary value that
   * is not valid UTF-8. The client makes it a null value of {@link
   * io.github.maxcdc.event.Fidelity#UNAVAILABLE} fidelity, never a NULL.
   */
  Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "absent";
        }
      };

  /**
   * One row record, values as decoded from the wire and not repaired: for each column an {@link
   * Integer}, {@link Long}, {@link Float}, {@link Double}, {@link String}, {@code byte[]}, null, or
   * {@link #ABSENT}. The array is handed over to the client, which may keep it: the source must not
   * reuse it.
   *
   * @param schema schema of the values
   * @param gtid GTID of the transaction
   * @param eventNumber event number inside the transaction, 1-based
   * @param timestamp commit time, epoch seconds
   * @param kind MaxScale's event type
   * @param values raw values, one per column
   * @param sourceOffset where the source resumes right after this record ({@link
   *     io.github.maxcdc.position.StreamPosition#sourceOffset()}), or null when it cannot seek
   */
  record RawRow(
      TableSchema schema,
      Gtid gtid,
      int eventNumber,
      long timestamp,
      RowKind kind,
      Object[] values,
      String sourceOffset)
      implements SourceItem {

    /** A row record without a source offset. */
    public RawRow(
        TableSchema schema,
        Gtid gtid,
        int eventNumber,
        long timestamp,
        RowKind kind,
        Object[] values) {
      this(schema, gtid, eventNumber, timestamp, kind, values, null);
    }

    /** This record with {@code sourceOffset} instead of its own. */
    public RawRow withSourceOffset(String sourceOffset) {
      return new RawRow(schema, gtid, eventNumber, timestamp, kind, values, sourceOffset);
    }
  }

  /** MaxScale's {@code event_type}. */
  enum RowKind {
    /** {@code insert}. */
    INSERT,
    /** {@code update_before}. */
    UPDATE_BEFORE,
    /** {@code update_after}. */
    UPDATE_AFTER,
    /** {@code delete}. */
    DELETE;

    private static final RowKind[] BY_INDEX = values();

    /** The kind for MaxScale's name ({@code insert}, ...), or null. */
    public static RowKind fromName(String name) {
      switch (name) {
        case "insert":
          return INSERT;
        case "update_before":
          return UPDATE_BEFORE;
        case "update_after":
          return UPDATE_AFTER;
        case "delete":
          return DELETE;
        default:
          return null;
      }
    }

    /** The kind for its index in MaxScale's Avro enum {@code EVENT_TYPES}, or null. */
    public static RowKind fromIndex(int index) {
      return index >= 0 && index < BY_INDEX.length ? BY_INDEX[index] : null;
    }
  }
}
