package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the records of keyed topics into typed events, each failure naming its record ({@code
 * topic-partition@offset}), and hands events to listeners. Used by one thread.
 */
public final class EnvelopeDecoder {
  private final SchemaCatalog schemas;

  /** A decoder taking schemas from {@code schemas}. */
  public EnvelopeDecoder(SchemaCatalog schemas) {
    this.schemas = schemas;
  }

  /**
   * Parses the envelope of {@code r}.
   *
   * @throws DecodeException naming the record if it is not an envelope
   */
  public static Envelope parse(ConsumerRecord<byte[], byte[]> r) throws DecodeException {
    try {
      return EnvelopeReader.parse(r.value());
    } catch (IllegalArgumentException e) {
      throw new DecodeException(where(r) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The event of {@code envelope}, read from {@code r}.
   *
   * @throws CdcException naming the record if its schema is missing or its rows do not fit it
   */
  public ChangeEvent event(ConsumerRecord<byte[], byte[]> r, Envelope envelope, String sourceOffset)
      throws CdcException {
    TableSchema schema;
    try {
      schema = schemas.schema(r.topic(), envelope.table(), envelope.schemaVersion());
    } catch (CdcException e) {
      throw new CdcException(where(r) + ": " + e.getMessage(), e);
    }
    try {
      return EnvelopeReader.event(envelope, schema, sourceOffset);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(where(r) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands {@code event} to {@code listener}.
   *
   * @throws ListenerException with what the listener threw and the event's position
   */
  public static void deliver(ChangeListener listener, ChangeEvent event, String from)
      throws ListenerException {
    try {
      listener.onChange(event);
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed on the "
              + event.type().jsonName()
              + " of "
              + event.table()
              + " at "
              + event.position()
              + " read from "
              + from
              + " ("
              + e
              + ")",
          event.position(),
          e);
    }
  }

  /** {@code record topic-partition@offset}. */
  public static String where(ConsumerRecord<?, ?> r) {
    return "record " + r.topic() + "-" + r.partition() + "@" + r.offset();
  }
}
