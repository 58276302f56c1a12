package io.github.maxcdc.event;

/**
 * A known way MaxScale 24.02 damages the values of a column type on their way through the CDC
 * stream. Every column lists its caveats ({@link Column#caveats()}); the README's type table
 * describes each one with the recording that shows it.
 *
 * <p>{@link #isLossy()} tells whether information is lost for good: a consumer that must be exact
 * (a replicating sink) should refuse or re-read such columns. The other caveats are repaired by
 * this library; where a particular value cannot be repaired with certainty its {@link Fidelity}
 * says so.
 */
public enum Caveat {
  /** DECIMAL is sent as a double: repaired from its shortest decimal form, see {@link Fidelity}. */
  DECIMAL_AS_DOUBLE(false),
  /** INT and BIGINT UNSIGNED wrap around to negative numbers: repaired. */
  UNSIGNED_WRAPPED(false),
  /** TIMESTAMP is rendered in MaxScale's time zone: read with the configured zone. */
  TIMESTAMP_IN_SERVER_ZONE(false),
  /** ENUM is sent as its 1-based index in hex: the labels are not in the stream. */
  ENUM_AS_INDEX(false),
  /** SET is sent as its bitmask in hex: the labels are not in the stream. */
  SET_AS_BITMASK(false),
  /** BINARY(n) loses its trailing zero bytes; MariaDB pads them back on insert. */
  PADDING_STRIPPED(false),
  /**
   * An empty BLOB or TEXT value arrives as one NUL byte, the same bytes as a value that is one NUL
   * byte: read as empty.
   */
  EMPTY_SENT_AS_NUL(false),
  /**
   * JSON format only: binary values that are not valid UTF-8 arrive as lowercase hex, so a text
   * that looks like hex is ambiguous.
   */
  HEX_OR_TEXT_IN_JSON(false),
  /**
   * UUID, INET4 and INET6 arrive in their binary form (16, 4, 16 bytes) cut at its first NUL byte:
   * a whole value is decoded exactly, a cut one is {@link Fidelity#TRUNCATED}.
   */
  BINARY_FORM_CUT_AT_NUL(false),
  /**
   * CHAR and VARCHAR values holding a NUL byte arrive cut before it, and nothing in the value shows
   * it. Not counted as lossy (it would refuse every text column), but {@link #isSilent() silent}: a
   * consumer that must be exact re-reads such columns from the source.
   */
  TEXT_CUT_AT_NUL(false),
  /** VARBINARY values are cut at their first NUL byte: lost. */
  TRUNCATED_AT_NUL(true),
  /** Negative TIME values arrive as wrong positive ones: lost. */
  NEGATIVE_TIME_CORRUPTED(true),
  /** BIT and JSON columns: MaxScale sends an empty string for every non-NULL value: lost. */
  NOT_CARRIED(true),
  /**
   * AVRO stream whose MariaDB column types could not be looked up: values are given as Avro decoded
   * them, unrepaired.
   */
  REAL_TYPE_UNKNOWN(true);

  private final boolean lossy;

  Caveat(boolean lossy) {
    this.lossy = lossy;
  }

  /** Whether values of such a column can be wrong or missing beyond repair. */
  public boolean isLossy() {
    return lossy;
  }

  /**
   * Whether a value this caveat damages can look exact: its {@link Fidelity} does not show the
   * damage. True of the lossy caveats and of {@link #TEXT_CUT_AT_NUL}.
   */
  public boolean isSilent() {
    return lossy || this == TEXT_CUT_AT_NUL;
  }
}
