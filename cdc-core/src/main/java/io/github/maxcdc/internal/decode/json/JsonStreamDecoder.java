package io.github.maxcdc.internal.decode.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.ByteWindow;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.ItemSink;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.ServerReplies;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.spi.SourceItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes MaxScale's JSON change stream: one JSON object per line, the table's schema ({@code
 * .avsc}) first and again at every new schema version, a row on every other line (recording {@code
 * f1_commandes_json_after_alter}). An {@code ERR ...} line at a line start is a server error.
 *
 * <p>Complete lines are parsed in batches, one Jackson streaming parser per batch of lines received
 * together; rows are read token by token into the raw value array, without a tree.
 *
 * <p>A KafkaCDC topic holds the same schemas and rows, the rows with {@code table_schema} and
 * {@code table_name} added: {@link #forKafkaCdc(DecodeContext, ItemSink)} decodes its records, fed
 * one record a line.
 */
public final class JsonStreamDecoder implements StreamDecoder {
  private final DecodeContext context;
  private final ItemSink sink;
  private final JsonFactory factory;
  private final ByteWindow window;
  private final boolean tableKeys;
  private int scanned; // bytes after window.start already known to hold no newline
  private TableSchema schema;
  private JsonRowReader rows;
  private long lines;
  private int[] lineEnds = new int[256]; // newlines found by the scan, read by parseRegion

  /** Creates a decoder for the stream of {@code context.table()}. */
  public JsonStreamDecoder(DecodeContext context, ItemSink sink) {
    this(context, sink, false);
  }

  /**
   * Creates a decoder for the records of {@code context.table()} in a KafkaCDC topic: its rows
   * carry the table's {@code table_schema} and {@code table_name}.
   */
  public static JsonStreamDecoder forKafkaCdc(DecodeContext context, ItemSink sink) {
    return new JsonStreamDecoder(context, sink, true);
  }

  private JsonStreamDecoder(DecodeContext context, ItemSink sink, boolean tableKeys) {
    this.tableKeys = tableKeys;
    this.context = context;
    this.sink = sink;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(context.maxRecordBytes())
                    .maxNestingDepth(64)
                    .build())
            // correctly rounded like Double.parseDouble (the same double), several times faster
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    this.window = new ByteWindow(context.maxRecordBytes());
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws CdcException {
    window.append(bytes, off, len, this::where);
    decodeCompleteLines();
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

  private void decodeCompleteLines() throws CdcException {
    byte[] buf = window.buf;
    int regionStart = window.start;
    int lineStart = window.start;
    int lineCount = 0;
    for (int i = Newlines.next(buf, window.start + scanned, window.end);
        i >= 0;
        i = Newlines.next(buf, i + 1, window.end)) {
      if (ServerReplies.isError(buf, lineStart, i - lineStart)) {
        parseRegion(regionStart, lineStart, lineCount);
        throw serverError(lineStart, i);
      }
      if (lineCount == lineEnds.length) {
        lineEnds = java.util.Arrays.copyOf(lineEnds, lineCount * 2);
      }
      lineEnds[lineCount++] = i;
      lineStart = i + 1;
    }
    parseRegion(regionStart, lineStart, lineCount);
    window.start = lineStart;
    scanned = window.end - lineStart;
  }

  private CdcException serverError(int from, int newline) {
    String text = new String(window.buf, from, newline - from, StandardCharsets.UTF_8);
    return ServerReplies.requestError(text, context);
  }

  // Parses the complete lines in [from, to), lineCount of them ending at lineEnds[0..lineCount),
  // one root object per line. The lines were scanned for newlines once, by decodeCompleteLines.
  private void parseRegion(int from, int to, int lineCount) throws CdcException {
    if (lineCount == 0) {
      return;
    }
    byte[] buf = window.buf;
    int lineStart = from;
    try (JsonParser parser = factory.createParser(buf, from, to - from)) {
      for (int k = 0; k < lineCount; k++) {
        int lineEnd = lineEnds[k];
        if (!blank(buf, lineStart, lineEnd)) {
          decodeLine(parser, lineStart, lineEnd, from);
        }
        lines++;
        lineStart = lineEnd + 1;
      }
      if (parser.nextToken() != null) {
        throw new DecodeException(where() + ": more than one JSON value on a line");
      }
    } catch (DecodeException e) {
      throw e;
    } catch (IOException e) {
      throw new DecodeException(
          where()
              + " line "
              + (lines + 1)
              + " (byte "
              + window.offsetOf(lineStart)
              + "): not valid JSON ("
              + context.redact(firstLine(e.getMessage()))
              + "); the line starts with "
              + context.excerpt(buf, lineStart, indexOf(buf, '\n', lineStart, to) - lineStart)
              + lastGood(),
          context.safeCause(e));
    }
  }

  private void decodeLine(JsonParser parser, int lineStart, int lineEnd, int regionStart)
      throws IOException {
    JsonToken token = parser.nextToken();
    long at = parser.currentTokenLocation().getByteOffset() + regionStart;
    if (token != JsonToken.START_OBJECT || at != lineStart) {
      throw new DecodeException(
          where()
              + " line "
              + (lines + 1)
              + " (byte "
              + window.offsetOf(lineStart)
              + "): expected a JSON object alone on its line, got "
              + context.excerpt(window.buf, lineStart, lineEnd - lineStart)
              + lastGood());
    }
    JsonToken first = parser.nextToken();
    if (first == JsonToken.FIELD_NAME && parser.currentName().equals("domain")) {
      if (rows == null) {
        throw new DecodeException(
            where() + " line " + (lines + 1) + ": a row arrived before the table's schema line");
      }
      sink.accept(rows.read(parser));
    } else {
      skipRestOfObject(parser, first);
      String text = new String(window.buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
      startSchema(readSchema(text));
    }
    if (parser.currentLocation().getByteOffset() + regionStart > lineEnd) {
      throw new DecodeException(where() + " line " + (lines + 1) + ": a JSON object spans lines");
    }
  }

  // The schema is read again from the line's text; move the parser past its object.
  private static void skipRestOfObject(JsonParser parser, JsonToken current) throws IOException {
    for (JsonToken t = current; t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  private TableSchema readSchema(String text) throws DecodeException {
    return SchemaReader.fromMaxScaleJson(text, context.table(), true, context.redactor());
  }

  /**
   * Makes {@code next} the schema of the rows that follow, as a schema line would: for a source
   * whose records come without one (the schema is then built from the source database's columns).
   */
  public void useSchema(TableSchema next) {
    startSchema(next);
  }

  /** The schema of the rows being decoded, or null before the first. */
  public TableSchema schema() {
    return schema;
  }

  private void startSchema(TableSchema next) {
    if (schema != null && schema.equals(next)) {
      return;
    }
    schema = next;
    rows = new JsonRowReader(next, this::where, tableKeys);
    sink.accept(new SourceItem.Schema(next));
  }

  private static boolean blank(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] buf, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == c) {
        return i;
      }
    }
    return to;
  }

  private String where() {
    return "JSON stream of " + context.table() + " from " + context.server();
  }

  private String lastGood() {
    return rows == null || rows.lastPosition() == null
        ? "; no row decoded before it"
        : "; last good row " + rows.lastPosition();
  }

  private static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }
}
