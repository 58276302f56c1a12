package io.github.maxcdc.bench.decode;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.bench.source.ResentHeaders;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.StreamCapture;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.client.EventAssembler;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.internal.decode.avro.AvroStreamDecoder;
import io.github.maxcdc.internal.decode.json.JsonStreamDecoder;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.testkit.FakeMaxScale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The bytes of one shape's stream in both formats, as the fake MaxScale serves them, and the
 * client's decoding path over them (decoder, then the assembler that makes typed events).
 */
public final class DecodeInput {
  private static final int MAX_RECORD_BYTES = 16 << 20;

  /** The shape. */
  public final Shapes shape;

  /** Rows in each stream. */
  public final int rows;

  /** The JSON stream: schema line, then one line per row. */
  public final byte[] json;

  /**
   * The AVRO stream: container header, then one block per transaction, the header again at every
   * wake-up of the server.
   */
  public final byte[] avro;

  /** {@link #avro} without the re-sent headers: a standard container file. */
  public final byte[] avroFile;

  private final TableId table;
  private final TableSchema avroSchema;

  private DecodeInput(Shapes shape, int rows, byte[] json, byte[] avro) throws CdcException {
    this.shape = shape;
    this.rows = rows;
    this.json = json;
    this.avro = avro;
    this.avroFile = avro == null ? null : ResentHeaders.strip(avro);
    this.table = new TableId(shape.database(), shape.table());
    int newline = indexOf(json, (byte) '\n');
    String schemaLine = new String(json, 0, newline, StandardCharsets.UTF_8);
    // what the client's CDC source looks up over JSON for each AVRO schema version
    this.avroSchema = SchemaReader.forAvro(SchemaReader.fromMaxScaleJson(schemaLine, table, false));
  }

  /**
   * Serves {@code rows} generated rows from a fake MaxScale and captures both streams; checks that
   * each decodes to exactly {@code rows} events.
   */
  public static DecodeInput capture(Shapes shape, int rows) {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload.insert(server, shape, rows);
      byte[] json =
          StreamCapture.capture(
              server, shape.qualifiedName(), StreamCapture.Format.JSON, b -> lines(b) > rows);
      DecodeInput jsonOnly = new DecodeInput(shape, rows, json, null);
      byte[] avro =
          StreamCapture.capture(
              server,
              shape.qualifiedName(),
              StreamCapture.Format.AVRO,
              b -> jsonOnly.avroEvents(b) >= rows);
      DecodeInput input = new DecodeInput(shape, rows, json, avro);
      input.check(true);
      input.check(false);
      return input;
    } catch (CdcException e) {
      throw new IllegalStateException("the captured stream does not decode: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The streams of {@code rows} rows of {@code shape} captured elsewhere; checks that each decodes
   * to exactly {@code rows} events.
   */
  public static DecodeInput of(Shapes shape, int rows, byte[] json, byte[] avro) {
    try {
      DecodeInput input = new DecodeInput(shape, rows, json, avro);
      input.check(true);
      input.check(false);
      return input;
    } catch (CdcException e) {
      throw new IllegalStateException("the captured stream does not decode: " + e.getMessage(), e);
    }
  }

  /** Decodes the JSON stream into typed events, each given to {@code events}. */
  public void decodeJson(Consumer<ChangeEvent> events) throws CdcException {
    feed(new JsonStreamDecoder(context(), typed(events)), json);
  }

  /** Decodes the AVRO stream into typed events, each given to {@code events}. */
  public void decodeAvro(Consumer<ChangeEvent> events) throws CdcException {
    StreamDecoder decoder =
        new AvroStreamDecoder(context(), typed(events), (version, schema) -> avroSchema, 1);
    feed(decoder, avro);
  }

  // Events in a prefix of an AVRO stream (incomplete records wait, as on a socket).
  private int avroEvents(byte[] prefix) {
    int[] count = new int[1];
    try {
      feed(
          new AvroStreamDecoder(
              context(), typed(e -> count[0]++), (version, schema) -> avroSchema, 1),
          prefix);
    } catch (CdcException e) {
      throw new IllegalStateException("the AVRO stream does not decode: " + e.getMessage(), e);
    }
    return count[0];
  }

  private static int lines(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  private void check(boolean inJson) throws CdcException {
    int[] count = new int[1];
    if (inJson) {
      decodeJson(e -> count[0]++);
    } else {
      decodeAvro(e -> count[0]++);
    }
    if (count[0] != rows) {
      throw new IllegalStateException(
          shape
              + (inJson ? " JSON" : " AVRO")
              + ": expected "
              + rows
              + " events from the captured stream, decoded "
              + count[0]);
    }
  }

  private DecodeContext context() {
    return new DecodeContext(table, "fake MaxScale", MAX_RECORD_BYTES);
  }

  private SourceItemSink typed(Consumer<ChangeEvent> events) {
    return new SourceItemSink(new EventAssembler(ZoneOffset.UTC, table.toString()), events);
  }

  // Feeds in 64 KiB chunks, as the client's socket reads do.
  private static void feed(StreamDecoder decoder, byte[] bytes) throws CdcException {
    for (int off = 0; off < bytes.length; off += 1 << 16) {
      decoder.feed(bytes, off, Math.min(1 << 16, bytes.length - off));
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("the JSON stream has no complete line");
  }

  /** Assembles raw rows into events, as the client's reader thread does. */
  private static final class SourceItemSink implements io.github.maxcdc.internal.decode.ItemSink {
    private final EventAssembler assembler;
    private final Consumer<ChangeEvent> events;

    SourceItemSink(EventAssembler assembler, Consumer<ChangeEvent> events) {
      this.assembler = assembler;
      this.events = events;
    }

    @Override
    public void accept(SourceItem item) {
      if (item instanceof SourceItem.RawRow raw) {
        try {
          ChangeEvent event = assembler.accept(raw);
          if (event != null) {
            events.accept(event);
          }
        } catch (CdcException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
    }
  }
}
