package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.spi.SourceItem;
import java.time.ZoneId;

/**
 * Turns the raw values of one schema's rows into typed {@link Row}s, one converter per column
 * chosen once per schema. Not thread-safe: owned by the reader thread of one stream.
 */
public final class RowConverter {
  private final TableSchema schema;
  private final ValueConverter[] converters;
  private final Conversion conversion = new Conversion();

  /**
   * Compiles the converters of {@code schema}.
   *
   * @param zone the time zone MaxScale renders TIMESTAMP values in
   */
  public RowConverter(TableSchema schema, ZoneId zone) {
    this.schema = schema;
    this.converters = new ValueConverter[schema.size()];
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
    Object[] typed = new Object[raw.length];
    Fidelity[] fidelity = null;
    for (int i = 0; i < raw.length; i++) {
      Object value = raw[i];
      if (value == null) {
        continue;
      }
      if (value == SourceItem.ABSENT) {
        fidelity = mark(fidelity, i, Fidelity.UNAVAILABLE);
        continue;
      }
      conversion.fidelity = Fidelity.EXACT;
      try {
        typed[i] = converters[i].convert(value, conversion);
      } catch (ValueFormatException e) {
        Column column = schema.column(i);
        throw new IllegalArgumentException(
            "column '" + column.name() + "' (" + column.type() + "): " + e.getMessage(), e);
      }
      if (conversion.fidelity != Fidelity.EXACT) {
        fidelity = mark(fidelity, i, conversion.fidelity);
      }
    }
    return Row.of(schema, typed, raw, fidelity);
  }

  // sets a column's fidelity, creating the array (all EXACT) on the first mark
  private Fidelity[] mark(Fidelity[] fidelity, int column, Fidelity value) {
    Fidelity[] marks = fidelity;
    if (marks == null) {
      marks = new Fidelity[converters.length];
      java.util.Arrays.fill(marks, Fidelity.EXACT);
    }
    marks[column] = value;
    return marks;
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
