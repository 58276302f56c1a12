package io.github.maxcdc.internal.decode.avro;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.ByteWindow;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.ItemSink;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.ServerReplies;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.SourceItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Decodes MaxScale's AVRO change stream: the raw bytes of the table's Avro object container files,
 * a header then blocks (one per transaction), and a complete new header at any block boundary: the
 * next schema version's file (new sync marker), or the current file's header again, which MaxScale
 * re-sends on every wake-up while streaming live (recording {@code
 * g_live_commandes_avro_during_alter}) and which is skipped.
 *
 * <p>Every block is checked before its records are decoded: sizes within bounds, sync marker equal
 * to its header's. A deflate block must inflate to exactly its declared bytes: MaxScale 24.02 sends
 * deflate blocks corrupted (recordings {@code h_*avro_deflate*}), and the decoder fails on the
 * first one with a message naming that cause, before delivering any of its records.
 */
public final class AvroStreamDecoder implements StreamDecoder {
  private final DecodeContext context;
  private final ItemSink sink;
  private final SchemaResolver resolver;
  private final ByteWindow window;
  private final int firstVersion;
  private OcfHeader header;
  private int version;
  private AvroRecordReader records;
  private final RecordCursor decoder = new RecordCursor();
  private SourceItem.RawRow lastRow; // its position is made only for a message
  private long blocks;

  /**
   * Creates a decoder.
   *
   * @param firstVersion the schema version of the first file (1 unless a version was requested)
   * @param resolver gives the MariaDB types of each new schema version
   */
  public AvroStreamDecoder(
      DecodeContext context, ItemSink sink, SchemaResolver resolver, int firstVersion) {
    this.context = context;
    this.sink = sink;
    this.resolver = resolver;
    this.firstVersion = firstVersion;
    this.window = new ByteWindow(context.maxRecordBytes());
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws CdcException {
    window.append(bytes, off, len, this::where);
    while (window.pending() > 0 && step()) {
      // each step consumed one header, block or error line
    }
    window.compactIfIdle();
  }

  @Override
  public boolean midRecord() {
    return window.pending() > 0;
  }

  @Override
  public long offset() {
    return window.offsetOf(window.end);
  }

  // Consumes one unit at window.start; false if it is not complete yet.
  private boolean step() throws CdcException {
    byte[] buf = window.buf;
    int pos = window.start;
    int available = window.pending();
    if (buf[pos] == 'E') {
      return errorLine(buf, pos);
    }
    if (buf[pos] == 'O') {
      if (available < 4) {
        return false;
      }
      if (OcfHeader.isMagic(buf, pos)) {
        return header(buf, pos);
      }
    }
    if (header == null) {
      throw new DecodeException(
          where()
              + ": expected an Avro object container header (Obj\\x01), got "
              + context.excerpt(buf, pos, available));
    }
    return block(buf, pos);
  }

  private boolean errorLine(byte[] buf, int pos) throws CdcException {
    for (int i = pos; i < window.end; i++) {
      if (buf[i] == '\n') {
        String text = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
        if (!text.startsWith("ERR")) {
          break;
        }
        throw ServerReplies.requestError(text, context);
      }
    }
    if (window.pending() < 3 || ServerReplies.isError(buf, pos, window.pending())) {
      return false;
    }
    throw new DecodeException(
        where()
            + ": expected an Avro block or header, got "
            + context.excerpt(buf, pos, window.pending()));
  }

  private boolean header(byte[] buf, int pos) throws CdcException {
    OcfHeader next = OcfHeader.parse(buf, pos, window.end, where());
    if (next == null) {
      return false;
    }
    window.start += next.length();
    if (next.sameFile(header) && next.schemaJson().equals(header.schemaJson())) {
      return true; // MaxScale re-sent the current header
    }
    if (!next.codec().equals("null") && !next.codec().equals("deflate")) {
      throw new DecodeException(
          where()
              + ": the Avro codec '"
              + next.codec()
              + "' is not supported; configure the "
              + "avrorouter service with codec=null, or use the JSON format");
    }
    version = header == null ? firstVersion : version + 1;
    Schema avro = SchemaReader.parseAvro(next.schemaJson(), where(), context.redactor());
    TableSchema schema = resolver.resolve(version, avro);
    records = new AvroRecordReader(avro, schema, where());
    header = next;
    sink.accept(new SourceItem.Schema(schema));
    return true;
  }

  private boolean block(byte[] buf, int pos) throws CdcException {
    Varints in = new Varints(buf, pos, window.end);
    long count = in.readLong();
    if (count == Varints.UNDERFLOW) {
      return false;
    }
    long size = in.readLong();
    if (size == Varints.UNDERFLOW) {
      return false;
    }
    if (count < 0
        || size < 0
        || count == Varints.MALFORMED
        || size == Varints.MALFORMED
        || count > size
        || size > context.maxRecordBytes()) {
      throw new DecodeException(
          where()
              + " byte "
              + window.offsetOf(pos)
              + ": not a valid Avro block ("
              + count
              + " records in "
              + size
              + " bytes; the maximum record size is "
              + context.maxRecordBytes()
              + ")"
              + lastGood()
              + "; starts with "
              + context.excerpt(buf, pos, window.pending()));
    }
    if (!in.has(size + OcfHeader.SYNC_SIZE)) {
      return false;
    }
    int dataStart = in.pos;
    int syncStart = dataStart + (int) size;
    if (!Arrays.equals(
        buf, syncStart, syncStart + OcfHeader.SYNC_SIZE, header.sync(), 0, OcfHeader.SYNC_SIZE)) {
      throw new DecodeException(
          where()
              + " byte "
              + window.offsetOf(pos)
              + ": block "
              + (blocks + 1)
              + " does not end with its file's sync marker"
              + deflateHint()
              + lastGood());
    }
    byte[] data = buf;
    int dataOff = dataStart;
    int dataLen = (int) size;
    if (header.codec().equals("deflate")) {
      data =
          Deflate.inflate(
              buf,
              dataStart,
              dataLen,
              context.maxRecordBytes(),
              where() + " block " + (blocks + 1));
      dataOff = 0;
      dataLen = data.length;
    }
    decodeRecords(data, dataOff, dataLen, count, pos);
    blocks++;
    window.start = syncStart + OcfHeader.SYNC_SIZE;
    return true;
  }

  private void decodeRecords(byte[] data, int off, int len, long count, int blockPos)
      throws DecodeException {
    decoder.reset(data, off, len);
    SourceItem.RawRow[] rows = new SourceItem.RawRow[(int) count];
    try {
      for (int i = 0; i < count; i++) {
        rows[i] = records.read(decoder);
      }
      if (!decoder.isEnd()) {
        throw new IOException("bytes left after the block's " + count + " records");
      }
    } catch (IOException | AvroRuntimeException | IllegalArgumentException e) {
      throw new DecodeException(
          where()
              + " byte "
              + window.offsetOf(blockPos)
              + ": block "
              + (blocks + 1)
              + " holds no valid records of schema version "
              + version
              + " ("
              + context.redact(String.valueOf(e.getMessage()))
              + ")"
              + lastGood(),
          context.safeCause(e));
    }
    // deliver only once the whole block decoded: a corrupt block yields nothing
    for (SourceItem.RawRow row : rows) {
      lastRow = row;
      sink.accept(row);
    }
  }

  private String deflateHint() {
    return header.codec().equals("deflate")
        ? " (likely cause: MaxScale 24.02 sends deflate-compressed AVRO blocks corrupted; set "
            + "codec=null on the avrorouter service or use the JSON format)"
        : "";
  }

  private String where() {
    return "AVRO stream of " + context.table() + " from " + context.server();
  }

  private String lastGood() {
    return lastRow == null
        ? "; no row decoded before it"
        : "; last good row " + new StreamPosition(lastRow.gtid(), lastRow.eventNumber());
  }
}
