package io.github.maxcdc.testkit.internal.avro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One record as MaxScale's reader turns it into JSON values: {@link Long} for int/long, {@link
 * Double} for float (widened) and double, {@code byte[]} for string and bytes, {@link String} for
 * an enum symbol, {@link Boolean}, or {@code null}. Immutable once built; the byte arrays are not
 * copied, callers must not modify them.
 */
public final class DecodedRecord {
  private final List<String> names;
  private final List<Object> values;
  private final int encodedLength;

  DecodedRecord(List<String> names, List<Object> values, int encodedLength) {
    this.names = Collections.unmodifiableList(new ArrayList<>(names));
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
    this.encodedLength = encodedLength;
  }

  /**
   * Returns the field names in order.
   *
   * @return field names
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the values in field order (see the class comment for their Java types).
   *
   * @return values, possibly containing nulls
   */
  public List<Object> values() {
    return values;
  }

  /**
   * Returns how many bytes the record took in its data block.
   *
   * @return encoded length
   */
  public int encodedLength() {
    return encodedLength;
  }

  /**
   * Returns an integer field as MaxScale's {@code json_integer_value} sees it: the value, or 0 when
   * the field is missing or not an integer.
   *
   * @param name field name
   * @return the value or 0
   */
  public long integer(String name) {
    int i = names.indexOf(name);
    if (i >= 0 && values.get(i) instanceof Long l) {
      return l;
    }
    return 0;
  }
}
