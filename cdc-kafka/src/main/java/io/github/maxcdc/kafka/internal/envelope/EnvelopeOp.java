package io.github.maxcdc.kafka.internal.envelope;

/** The {@code op} of an envelope, as Debezium writes it. */
public enum EnvelopeOp {
  /** A row inserted: {@code before} null, {@code after} the row. */
  CREATE("c"),
  /** A row updated without its key changing: both images. */
  UPDATE("u"),
  /** A row deleted: {@code before} the row, {@code after} null. */
  DELETE("d");

  private final String code;

  EnvelopeOp(String code) {
    this.code = code;
  }

  /** The one-letter code of the envelope's {@code op} field. */
  public String code() {
    return code;
  }

  /**
   * The operation whose code is {@code code}.
   *
   * @throws IllegalArgumentException if it is not {@code c}, {@code u} or {@code d}
   */
  public static EnvelopeOp ofCode(String code) {
    for (EnvelopeOp op : values()) {
      if (op.code.equals(code)) {
        return op;
      }
    }
    throw new IllegalArgumentException("expected an op of c, u or d, got '" + code + "'");
  }
}
