package io.github.maxcdc.event;

/**
 * How far one value of a {@link Row} can be trusted to equal the source value.
 *
 * <p>A replicating consumer can write {@link #EXACT} and {@link #REPAIRED} values as they are, and
 * should refuse (or re-read from the source) the others unless told otherwise.
 */
public enum Fidelity {
  /** The value is the source value. */
  EXACT,
  /**
   * MaxScale damaged the value and it was repaired with certainty (unsigned wrap-around, DECIMAL
   * within a double's precision, ENUM/SET hex, seven-digit fractions, YEAR 0000).
   */
  REPAIRED,
  /**
   * The value may differ from the source: a DECIMAL beyond a double's precision or above 999999999,
   * a TIMESTAMP in a daylight-saving overlap of the configured zone, or (JSON format) a UUID or
   * INET value whose text could also be the hex of a value MaxScale cut.
   */
  INEXACT,
  /**
   * The bytes sent match more than one source value: one NUL byte for an empty BLOB, or (JSON
   * format) hex-looking text. The value given is the likelier reading.
   */
  AMBIGUOUS,
  /**
   * MaxScale cut the value at its first NUL byte (UUID, INET4, INET6 values whose binary form holds
   * a 0 byte): the typed value is null, {@link Row#raw(int)} has what arrived.
   */
  TRUNCATED,
  /** MaxScale does not carry the value (BIT, JSON columns): the typed value is null. */
  UNAVAILABLE,
  /** The value is known to be wrong (a negative TIME MaxScale turned into an impossible one). */
  CORRUPT,
  /**
   * A MariaDB zero date or time ({@code 0000-00-00}), which {@code java.time} cannot hold: the
   * typed value is null, {@link Row#raw(int)} has MaxScale's text.
   */
  ZERO_DATE;

  /** Whether a consumer that must be exact can use the typed value as it is. */
  public boolean isTrustworthy() {
    return this == EXACT || this == REPAIRED;
  }
}
