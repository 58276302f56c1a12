package io.github.maxcdc.testing;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.client.EventAssembler;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.internal.decode.avro.AvroStreamDecoder;
import io.github.maxcdc.internal.decode.avro.SchemaResolver;
import io.github.maxcdc.internal.decode.json.JsonStreamDecoder;
import io.github.maxcdc.spi.SourceItem;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A recorded stream decoded the way the client does (decoder then assembler), without a socket: the
 * schemas and events in order.
 */
public final class Decoded {
  /** Schemas seen, in order. */
  public final List<TableSchema> schemas = new ArrayList<>();

  /** Events assembled, in order. */
  public final List<ChangeEvent> events = new ArrayList<>();

  /** Schemas and events interleaved, as they came. */
  public final List<Object> items = new ArrayList<>();

  private Decoded() {}

  /** Decodes a whole JSON recording in one chunk. */
  public static Decoded json(String recording, TableId table) throws CdcException {
    return json(Fixtures.stream(recording), table, n -> n);
  }

  /** Decodes JSON bytes, fed in chunks whose sizes {@code chunk} gives from the bytes left. */
  public static Decoded json(byte[] stream, TableId table, IntUnaryOperator chunk)
      throws CdcException {
    Decoded out = new Decoded();
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString());
    StreamDecoder decoder = new JsonStreamDecoder(context(table), item -> out.add(item, assembler));
    feed(decoder, stream, chunk);
    return out;
  }

  /** Decodes the values of KafkaCDC records of {@code table}, one a line, in one chunk. */
  public static Decoded kafkaCdc(byte[] lines, TableId table) throws CdcException {
    Decoded out = new Decoded();
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString());
    StreamDecoder decoder =
        JsonStreamDecoder.forKafkaCdc(context(table), item -> out.add(item, assembler));
    feed(decoder, lines, n -> n);
    return out;
  }

  /** Decodes JSON bytes in one chunk, giving schemas the declared column types. */
  public static Decoded jsonDeclared(
      byte[] stream, TableId table, io.github.maxcdc.DeclaredTypes declared) throws CdcException {
    Decoded out = new Decoded();
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString(), declared);
    StreamDecoder decoder = new JsonStreamDecoder(context(table), item -> out.add(item, assembler));
    feed(decoder, stream, n -> n);
    return out;
  }

  /** Decodes AVRO bytes in one chunk with the given resolver and declared column types. */
  public static Decoded avroDeclared(
      byte[] stream,
      TableId table,
      SchemaResolver resolver,
      io.github.maxcdc.DeclaredTypes declared)
      throws CdcException {
    Decoded out = new Decoded();
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString(), declared);
    StreamDecoder decoder =
        new AvroStreamDecoder(context(table), item -> out.add(item, assembler), resolver, 1);
    feed(decoder, stream, n -> n);
    return out;
  }

  /** Decodes a whole AVRO recording, MariaDB types from the snapshot's {@code .avsc} files. */
  public static Decoded avro(String recording, TableId table, int firstVersion)
      throws CdcException {
    return avro(Fixtures.stream(recording), table, firstVersion, n -> n);
  }

  /** Decodes AVRO bytes in chunks; types from the snapshot's {@code .avsc} files. */
  public static Decoded avro(byte[] stream, TableId table, int firstVersion, IntUnaryOperator chunk)
      throws CdcException {
    return avro(stream, table, firstVersion, chunk, snapshotResolver(table));
  }

  /** An empty result to decode into, which keeps what was decoded if decoding fails. */
  public static Decoded partial() {
    return new Decoded();
  }

  /** Decodes AVRO bytes into {@code out}, types from the snapshot. */
  public static void avroInto(
      Decoded out, byte[] stream, TableId table, int firstVersion, IntUnaryOperator chunk)
      throws CdcException {
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString());
    StreamDecoder decoder =
        new AvroStreamDecoder(
            context(table),
            item -> out.add(item, assembler),
            snapshotResolver(table),
            firstVersion);
    feed(decoder, stream, chunk);
  }

  /** Decodes AVRO bytes in chunks with the given type resolver. */
  public static Decoded avro(
      byte[] stream,
      TableId table,
      int firstVersion,
      IntUnaryOperator chunk,
      SchemaResolver resolver)
      throws CdcException {
    Decoded out = new Decoded();
    EventAssembler assembler = new EventAssembler(ZoneOffset.UTC, table.toString());
    StreamDecoder decoder =
        new AvroStreamDecoder(
            context(table), item -> out.add(item, assembler), resolver, firstVersion);
    feed(decoder, stream, chunk);
    return out;
  }

  /** Types from the recordings' {@code avrodir_snapshot/<table>.NNNNNN.avsc}. */
  public static SchemaResolver snapshotResolver(TableId table) {
    return (version, avro) ->
        SchemaReader.forAvro(
            SchemaReader.fromMaxScaleJson(
                Fixtures.text(String.format("avrodir_snapshot/%s.%06d.avsc", table, version))
                    .strip(),
                table,
                false));
  }

  private static DecodeContext context(TableId table) {
    return new DecodeContext(table, "recording", 1 << 20);
  }

  private static void feed(StreamDecoder decoder, byte[] stream, IntUnaryOperator chunk)
      throws CdcException {
    int off = 0;
    while (off < stream.length) {
      int n = Math.max(1, Math.min(stream.length - off, chunk.applyAsInt(stream.length - off)));
      decoder.feed(stream, off, n);
      off += n;
    }
  }

  private void add(SourceItem item, EventAssembler assembler) {
    if (item instanceof SourceItem.Schema s) {
      schemas.add(s.schema());
      items.add(s.schema());
    } else if (item instanceof SourceItem.RawRow raw) {
      try {
        ChangeEvent event = assembler.accept(raw);
        if (event != null) {
          events.add(event);
          items.add(event);
        }
      } catch (CdcException e) {
        throw new AssemblyFailure(e);
      }
    }
  }

  /** An assembly failure surfaced through the decoder's sink. */
  public static final class AssemblyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AssemblyFailure(CdcException cause) {
      super(cause);
    }
  }
}
