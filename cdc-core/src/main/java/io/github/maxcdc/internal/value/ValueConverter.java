package io.github.maxcdc.internal.value;

/**
 * Turns one non-null raw value (as JSON or Avro decoding produced it) into the typed value of its
 * column type, marking on {@link Conversion} how exact it is. Stateless, thread-safe.
 */
@FunctionalInterface
interface ValueConverter {

  /**
   * Converts {@code raw} (never null).
   *
   * @throws ValueFormatException if the raw value does not have the form MaxScale sends for the
   *     type
   */
  Object convert(Object raw, Conversion conversion);
}
