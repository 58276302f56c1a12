package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.spi.SourceItem;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Turns the raw values of one schema's rows into typed {@link Row}s, one converter per column
 * chosen once per schema. Not thread-safe: owned by the reader thread of one stream.
 */
public final class RowConverter {
  private final TableSchema schema;
  private final ValueConverter[] converters;
  private final Conversion conversion = new Conversion();
  // Reused from row to row: Row.of copies the values and keeps no Fidelity array. Owned by the
  // reader thread, like this converter.
  private final Object[] typed;
  private final Fidelity[] marks;

  /**
   * Compiles the converters of {@code schema}.
   *
   * @param zone the time zone MaxScale renders TIMESTAMP values in
   */
  public RowConverter(TableSchema schema, ZoneId zone) {
    this.schema = schema;
    this.converters = new ValueConverter[schema.size()];
    this.typed = new Object[schema.size()];
    this.marks = new Fidelity[schema.size()];
    Arrays.fill(marks, Fidelity.EXACT);
    for (Column column : schema.columns()) {
      converters[column.index()] =
          schema.realTypesKnown() ? converterFor(column, zone) : TextConverters::passThrough;
    }
  }

  /** The schema this converter reads. */
  public TableSchema schema() {
    return schema;
  }

  /**
   * Converts raw values (one per column, as decoded) to a row.
   *
   * @throws IllegalArgumentException if a value does not have the form MaxScale sends for its
   *     column; the message names the column and the value's kind, never the value
   */
  public Row toRow(Object[] raw) {
    boolean reuse = raw.length == typed.length;
    Object[] values = reuse ? typed : new Object[raw.length];
    boolean marked = false;
    try {
      for (int i = 0; i < raw.length; i++) {
        values[i] = null;
        Object value = raw[i];
        if (value == null) {
          continue;
        }
        if (value == SourceItem.ABSENT) {
          marked = mark(i, Fidelity.UNAVAILABLE);
          continue;
        }
        conversion.fidelity = Fidelity.EXACT;
        values[i] = convert(i, value);
        if (conversion.fidelity != Fidelity.EXACT) {
          marked = mark(i, conversion.fidelity);
        }
      }
      return Row.of(schema, values, raw, marked ? marks : null);
    } finally {
      if (marked) {
        Arrays.fill(marks, Fidelity.EXACT);
      }
    }
  }

  private Object convert(int i, Object value) {
    try {
      return converters[i].convert(value, conversion);
    } catch (ValueFormatException e) {
      Column column = schema.column(i);
      throw new IllegalArgumentException(
          "column '" + column.name() + "' (" + column.type() + "): " + e.getMessage(), e);
    }
  }

  // sets a column's fidelity in the reused array (all EXACT between rows)
  private boolean mark(int column, Fidelity value) {
    marks[column] = value;
    return true;
  }

  private static ValueConverter converterFor(Column column, ZoneId zone) {
    ColumnType type = column.type();
    if (type.isInteger()) {
      return NumericConverters.integer(type, column.unsigned());
    }
    if (type.isBlob()) {
      return TextConverters::blob;
    }
    if (type.isTextBlob()) {
      return TextConverters::textBlob;
    }
    switch (type) {
      case DECIMAL:
        int[] declared = column.decimalPrecisionAndScale();
        return declared == null
            ? DecimalRepair::convert
            : DecimalRepair.declared(declared[0], declared[1]);
      case FLOAT:
        return NumericConverters::floatValue;
      case DOUBLE:
        return NumericConverters::doubleValue;
      case CHAR:
      case VARCHAR:
        return TextConverters::string;
      case BINARY:
      case VARBINARY:
        return TextConverters::binary;
      case DATE:
        return TemporalConverters::date;
      case TIME:
        return TemporalConverters::time;
      case DATETIME:
        return TemporalConverters::dateTime;
      case TIMESTAMP:
        return TemporalConverters.timestamp(zone);
      case YEAR:
        return TemporalConverters::year;
      case ENUM:
        return TextConverters::enumIndex;
      case SET:
        return TextConverters::setBits;
      case BIT:
      case JSON:
        return TextConverters::notCarried;
      case UUID:
      case INET4:
      case INET6:
        return BinaryFormConverters.forType(type);
      case GEOMETRY:
        return TextConverters::geometry;
      default:
        return TextConverters::passThrough;
    }
  }
}
