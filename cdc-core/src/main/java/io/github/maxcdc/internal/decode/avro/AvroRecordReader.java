package io.github.maxcdc.internal.decode.avro;

import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.internal.decode.MaxScaleFields;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceItem.RowKind;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Reads MaxScale's records from Avro binary data with a plan compiled once per schema: for each
 * column, whether it is a {@code ["null", T]} union (and which branch is null) and how to read
 * {@code T}. Avro {@code string} columns holding binary MariaDB types (VARBINARY, UUID, INET4,
 * INET6) are read as raw bytes, not decoded as UTF-8. Not thread-safe.
 */
final class AvroRecordReader {
  private static final byte READ_INT = 0;
  private static final byte READ_LONG = 1;
  private static final byte READ_FLOAT = 2;
  private static final byte READ_DOUBLE = 3;
  private static final byte READ_STRING = 4;
  private static final byte READ_BYTES = 5;

  private final TableSchema schema;
  private final io.github.maxcdc.internal.decode.GtidCache gtids =
      new io.github.maxcdc.internal.decode.GtidCache();
  private final byte[] reads;
  // per column: -1 not a union, else the index of the null branch
  private final int[] nullBranch;

  AvroRecordReader(Schema avro, TableSchema schema, String where) throws DecodeException {
    this.schema = schema;
    List<Schema.Field> fields = avro.getFields();
    if (fields.size() != MaxScaleFields.COUNT + schema.size()) {
      throw new DecodeException(
          where
              + ": the AVRO header has "
              + (fields.size() - MaxScaleFields.COUNT)
              + " columns but the table's schema version "
              + schema.version()
              + " has "
              + schema.size());
    }
    checkHeaderFields(fields, where);
    reads = new byte[schema.size()];
    nullBranch = new int[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      Column column = schema.column(i);
      Schema type = fields.get(MaxScaleFields.COUNT + i).schema();
      nullBranch[i] = -1;
      if (type.getType() == Schema.Type.UNION) {
        List<Schema> branches = type.getTypes();
        if (branches.size() != 2) {
          throw new DecodeException(where + ": column '" + column.name() + "' has union " + type);
        }
        nullBranch[i] = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
      }
      reads[i] = readFor(column);
    }
  }

  private static void checkHeaderFields(List<Schema.Field> fields, String where)
      throws DecodeException {
    for (int i = 0; i < MaxScaleFields.COUNT - 1; i++) {
      if (fields.get(i).schema().getType() != Schema.Type.INT) {
        throw new DecodeException(
            where + ": MaxScale field '" + fields.get(i).name() + "' is not an int");
      }
    }
    Schema eventType = fields.get(MaxScaleFields.COUNT - 1).schema();
    if (eventType.getType() != Schema.Type.ENUM
        || !eventType
            .getEnumSymbols()
            .equals(List.of("insert", "update_before", "update_after", "delete"))) {
      throw new DecodeException(
          where + ": MaxScale field 'event_type' is not its EVENT_TYPES enum");
    }
  }

  private static byte readFor(Column column) {
    WireType wire = column.wireType();
    switch (wire) {
      case INT:
        return READ_INT;
      case LONG:
        return READ_LONG;
      case FLOAT:
        return READ_FLOAT;
      case DOUBLE:
        return READ_DOUBLE;
      case BYTES:
        return READ_BYTES;
      default:
        return column.type().isBinary() || column.type().isBinaryForm() ? READ_BYTES : READ_STRING;
    }
  }

  TableSchema schema() {
    return schema;
  }

  /** Reads one record. */
  SourceItem.RawRow read(RecordCursor in) throws IOException {
    long domain = in.readInt() & 0xFFFF_FFFFL;
    long serverId = in.readInt() & 0xFFFF_FFFFL;
    long sequence = in.readInt() & 0xFFFF_FFFFL;
    int eventNumber = in.readInt();
    long timestamp = in.readInt() & 0xFFFF_FFFFL;
    int kindIndex = in.readInt(); // an enum's index
    RowKind kind = RowKind.fromIndex(kindIndex);
    if (kind == null || eventNumber < 1) {
      throw new IOException("bad event_type " + kindIndex + " or event_number " + eventNumber);
    }
    Object[] values = new Object[reads.length];
    for (int i = 0; i < reads.length; i++) {
      if (nullBranch[i] >= 0) {
        int branch = in.readInt(); // a union's branch
        if (branch == nullBranch[i]) {
          continue;
        }
        if (branch != 1 - nullBranch[i]) {
          throw new IOException(
              "bad union branch " + branch + " for column " + schema.column(i).name());
        }
      }
      values[i] = readValue(in, reads[i]);
    }
    return new SourceItem.RawRow(
        schema, gtids.of(domain, serverId, sequence), eventNumber, timestamp, kind, values);
  }

  private static Object readValue(RecordCursor in, byte read) throws IOException {
    switch (read) {
      case READ_INT:
        return in.readInt();
      case READ_LONG:
        return in.readLong();
      case READ_FLOAT:
        return in.readFloat();
      case READ_DOUBLE:
        return in.readDouble();
      case READ_STRING:
        return in.readString();
      default:
        return in.readBytes();
    }
  }
}
