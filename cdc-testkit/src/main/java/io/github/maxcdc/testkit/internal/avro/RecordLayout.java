package io.github.maxcdc.testkit.internal.avro;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The field list of an Avro record schema, parsed from an object container header's {@code
 * avro.schema}. Immutable and thread-safe.
 */
public final class RecordLayout {
  private final List<FieldType.Field> fields;

  private RecordLayout(List<FieldType.Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /**
   * Parses a record schema.
   *
   * @param schemaJson the schema text
   * @return the layout
   * @throws IllegalArgumentException if the schema is not a record of primitives, enums and unions
   */
  public static RecordLayout parse(String schemaJson) {
    Schema schema;
    try {
      schema = new Schema.Parser(NameValidator.NO_VALIDATION).parse(schemaJson);
    } catch (SchemaParseException e) {
      throw new IllegalArgumentException("not an Avro schema: " + e.getMessage(), e);
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("expected a record schema, got " + schema.getType());
    }
    List<FieldType.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new FieldType.Field(f.name(), typeOf(f.schema())));
    }
    return new RecordLayout(fields);
  }

  private static FieldType typeOf(Schema s) {
    return switch (s.getType()) {
      case NULL -> new FieldType.Primitive(FieldType.Kind.NULL);
      case BOOLEAN -> new FieldType.Primitive(FieldType.Kind.BOOLEAN);
      case INT -> new FieldType.Primitive(FieldType.Kind.INT);
      case LONG -> new FieldType.Primitive(FieldType.Kind.LONG);
      case FLOAT -> new FieldType.Primitive(FieldType.Kind.FLOAT);
      case DOUBLE -> new FieldType.Primitive(FieldType.Kind.DOUBLE);
      case BYTES -> new FieldType.Primitive(FieldType.Kind.BYTES);
      case STRING -> new FieldType.Primitive(FieldType.Kind.STRING);
      case ENUM -> new FieldType.EnumType(s.getEnumSymbols());
      case UNION -> unionOf(s);
      default ->
          throw new IllegalArgumentException("MaxScale cannot read Avro type " + s.getType());
    };
  }

  private static FieldType unionOf(Schema s) {
    List<FieldType> branches = new ArrayList<>();
    for (Schema branch : s.getTypes()) {
      branches.add(typeOf(branch));
    }
    return new FieldType.Union(branches);
  }

  /**
   * Returns the fields in order.
   *
   * @return the fields
   */
  public List<FieldType.Field> fields() {
    return fields;
  }
}
