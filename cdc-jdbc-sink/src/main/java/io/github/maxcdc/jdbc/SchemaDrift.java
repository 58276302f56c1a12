package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import java.util.List;
import java.util.Objects;

/**
 * MaxScale has lost track of a source table: what {@link SourceSchemaWatch} found, with both column
 * lists and the likely cause. Immutable.
 *
 * @param kind what was found
 * @param table the source table
 * @param maxScaleVersion the schema version MaxScale announced last, 0 if it announced none
 * @param maxScaleColumns MaxScale's columns, {@code name TYPE} as MaxScale names the type ({@code
 *     label VARCHAR}), empty if it announced none
 * @param sourceColumns the source's columns, {@code name type} as the source declares the type
 *     ({@code label varchar(20)})
 * @param finding what differs and why no schema version on its way explains it, e.g. {@code "column
 *     2 is name in MaxScale, label in the source; ..."}
 * @param likelyCause the likely cause and what to do
 */
public record SchemaDrift(
    Kind kind,
    TableId table,
    int maxScaleVersion,
    List<String> maxScaleColumns,
    List<String> sourceColumns,
    String finding,
    String likelyCause) {

  /** What {@link SourceSchemaWatch} found. */
  public enum Kind {
    /**
     * MaxScale's schema of the table differs from the source's, and the stream shows that MaxScale
     * has gone past the change: no schema version on its way explains the difference.
     */
    SCHEMA_MISMATCH,
    /** The source table was written, but MaxScale has sent none of its changes for too long. */
    STALLED
  }

  /** Validates and copies. */
  public SchemaDrift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    maxScaleColumns = List.copyOf(maxScaleColumns);
    sourceColumns = List.copyOf(sourceColumns);
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(likelyCause, "likelyCause");
  }

  /** One line saying it all: the table, the finding, both column lists and the likely cause. */
  public String message() {
    return "MaxScale has lost track of "
        + table
        + ": "
        + finding
        + "; MaxScale's columns"
        + (maxScaleVersion == 0
            ? " (no schema announced): "
            : " (schema version " + maxScaleVersion + "): ")
        + (maxScaleColumns.isEmpty() ? "none" : String.join(", ", maxScaleColumns))
        + "; the source's columns: "
        + String.join(", ", sourceColumns)
        + ". Likely cause: "
        + likelyCause;
  }

  @Override
  public String toString() {
    return message();
  }
}
