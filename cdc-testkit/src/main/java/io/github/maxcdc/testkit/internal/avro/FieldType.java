package io.github.maxcdc.testkit.internal.avro;

import java.util.List;

/**
 * The Avro types MaxScale's reader ({@code maxavro}) understands: primitives, enums and unions of
 * them. Immutable.
 */
public sealed interface FieldType {

  /** Avro primitive kinds. */
  enum Kind {
    /** {@code null}. */
    NULL,
    /** {@code boolean}. */
    BOOLEAN,
    /** {@code int}. */
    INT,
    /** {@code long}. */
    LONG,
    /** {@code float}. */
    FLOAT,
    /** {@code double}. */
    DOUBLE,
    /** {@code bytes}. */
    BYTES,
    /** {@code string}. */
    STRING
  }

  /**
   * A primitive type.
   *
   * @param kind the primitive kind
   */
  record Primitive(Kind kind) implements FieldType {}

  /**
   * An enum type.
   *
   * @param symbols the symbols, in index order
   */
  record EnumType(List<String> symbols) implements FieldType {
    /**
     * Creates the record; copies the symbol list.
     *
     * @param symbols the symbols
     */
    public EnumType {
      symbols = List.copyOf(symbols);
    }
  }

  /**
   * A union type.
   *
   * @param branches the branches, in index order
   */
  record Union(List<FieldType> branches) implements FieldType {
    /**
     * Creates the record; copies the branch list.
     *
     * @param branches the branches
     */
    public Union {
      branches = List.copyOf(branches);
    }
  }

  /**
   * A named field of the change record.
   *
   * @param name field name as written in the schema
   * @param type field type
   */
  record Field(String name, FieldType type) {}
}
