package io.github.maxcdc.testkit.internal.avro;

import java.util.List;

/**
 * The Avro types MaxScale's reader ({@code maxavro}) understands: primitives, enums and unions of them.
 * Immutable.
 */
public sealed interface FieldType {

    /** Avro primitive kinds. */
    enum Kind { NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES, STRING }

    /**
     * A primitive type.
     *
     * @param kind the primitive kind
     */
    record Primitive(Kind kind) implements FieldType {
    }

    /**
     * An enum type.
     *
     * @param symbols the symbols, in index order
     */
    record EnumType(List<String> symbols) implements FieldType {
        /** Copies the symbol list. */
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
        /** Copies the branch list. */
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
    record Field(String name, FieldType type) {
    }
}
