package io.github.maxcdc.testkit.internal.scripted;

import java.time.ZoneId;

/**
 * Converts the Java value a test supplies for one column type into the value MariaDB stores ({@link
 * #normalize}), then into what MaxScale 24.02.3 writes to Avro ({@link #toAvro}): an {@link
 * Integer}, {@link Long}, {@link Float}, {@link Double} or {@code byte[]}. Implementations are
 * immutable and thread-safe.
 */
interface ValueCodec {

  /**
   * Validates and normalises a non-null value as MariaDB would store it (strict SQL mode).
   *
   * @param value the value supplied by the test
   * @return the canonical stored value
   * @throws IllegalArgumentException if MariaDB would reject the value, or its Java type is not
   *     supported for this column type
   */
  Object normalize(Object value);

  /**
   * Converts a canonical value to the Avro value MaxScale writes.
   *
   * @param stored a value returned by {@link #normalize}
   * @param zone MaxScale's time zone
   * @return the Avro value
   */
  Object toAvro(Object stored, ZoneId zone);

  /**
   * Converts a canonical value to what MaxScale's replicator hands a router other than the
   * avrorouter, such as KafkaCDC (the {@code column_int}, {@code column_string}, {@code
   * column_bytes}... calls of {@code rpl.cc}): the Avro value, except for the types whose value the
   * avrorouter's Avro writer refuses (BIT, JSON), which then stay empty in Avro but not here.
   *
   * @param stored a value returned by {@link #normalize}
   * @param zone MaxScale's time zone
   * @return an {@link Integer}, {@link Long}, {@link Float}, {@link Double} or {@code byte[]}
   */
  default Object toReplicated(Object stored, ZoneId zone) {
    return toAvro(stored, zone);
  }

  /**
   * Converts a canonical value back to the Java value a test would supply, so that {@code
   * normalize(toJava(v))} gives {@code v} again: text as a {@code String}, an ENUM member as its
   * name, a SET as its comma-separated members, binary values as a copy of their bytes; other
   * canonical values are already such values.
   *
   * @param stored a value returned by {@link #normalize}
   * @return the Java value
   */
  default Object toJava(Object stored) {
    return stored;
  }

  /**
   * Builds the error for an unsupported Java type.
   *
   * @param value the offending value
   * @param expected what would have been accepted
   * @return the exception to throw
   */
  static IllegalArgumentException wrongType(Object value, String expected) {
    return new IllegalArgumentException(
        "expected " + expected + ", got " + value.getClass().getName());
  }
}
