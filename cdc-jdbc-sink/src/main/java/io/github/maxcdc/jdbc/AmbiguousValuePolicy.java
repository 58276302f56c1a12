package io.github.maxcdc.jdbc;

/**
 * What the sink does with a value whose {@code Fidelity} is {@code AMBIGUOUS}: an empty BLOB or
 * TEXT, which MaxScale sends as one NUL byte (exactly like a one-NUL-byte value), or, in the JSON
 * format, a binary value sent as hex that could also be that text.
 */
public enum AmbiguousValuePolicy {
  /**
   * Write the likelier reading (empty; the hex-decoded bytes), counted in the metrics (default).
   */
  WRITE_LIKELY,
  /** Stop with an error naming the column and the position. */
  FAIL
}
