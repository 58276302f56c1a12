package io.github.maxcdc;

/** The format MaxScale sends the change stream in ({@code REGISTER ... TYPE=}). */
public enum StreamFormat {
  /**
   * One JSON object per line; the first line is the table's schema with MaxScale's type
   * information. Every MariaDB type is known, so every value the type table allows is repaired.
   */
  JSON,
  /**
   * The raw Avro object container file MaxScale writes. More compact, binary values byte-exact; the
   * MariaDB types are looked up once per schema version over a short JSON connection.
   */
  AVRO
}
