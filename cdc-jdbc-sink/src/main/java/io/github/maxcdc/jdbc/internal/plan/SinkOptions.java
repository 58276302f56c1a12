package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.HistoryColumns;
import io.github.maxcdc.jdbc.LossyColumnPolicy;
import io.github.maxcdc.jdbc.NewColumnsPolicy;
import io.github.maxcdc.jdbc.Scd2Columns;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.jdbc.TargetMode;
import java.time.ZoneId;

/**
 * The sink settings a write plan depends on.
 *
 * @param mapping source and target tables and their columns
 * @param newColumns what to do with source columns the target lacks
 * @param lossyColumns default for columns MaxScale cannot carry exactly
 * @param ambiguous what to do with ambiguous values
 * @param deletes how deletes are applied
 * @param zone zone of DATETIME values converted to and from instants
 * @param createTarget whether to create the target table from the first schema
 * @param rowsPerStatement most rows of one multi-row upsert
 * @param schemaChanges what to do with renamed, retyped and dropped source columns
 * @param mode the target table's shape
 * @param history the added columns of a history table
 * @param scd2 the added columns of an SCD2 table
 */
public record SinkOptions(
    TableMapping mapping,
    NewColumnsPolicy newColumns,
    LossyColumnPolicy lossyColumns,
    AmbiguousValuePolicy ambiguous,
    DeleteMode deletes,
    ZoneId zone,
    boolean createTarget,
    int rowsPerStatement,
    io.github.maxcdc.jdbc.SchemaChangePolicy schemaChanges,
    TargetMode mode,
    HistoryColumns history,
    Scd2Columns scd2) {
  /** The mirror's options (no history or SCD2 columns). */
  public SinkOptions(
      TableMapping mapping,
      NewColumnsPolicy newColumns,
      LossyColumnPolicy lossyColumns,
      AmbiguousValuePolicy ambiguous,
      DeleteMode deletes,
      ZoneId zone,
      boolean createTarget,
      int rowsPerStatement,
      io.github.maxcdc.jdbc.SchemaChangePolicy schemaChanges) {
    this(
        mapping,
        newColumns,
        lossyColumns,
        ambiguous,
        deletes,
        zone,
        createTarget,
        rowsPerStatement,
        schemaChanges,
        TargetMode.MIRROR,
        HistoryColumns.DEFAULT,
        Scd2Columns.DEFAULT);
  }

  /** Whether a target column is one the shape adds (history or SCD2 columns). */
  public boolean isShapeColumn(String column) {
    switch (mode) {
      case HISTORY:
        return history.contains(column);
      case SCD2:
        return scd2.contains(column);
      default:
        return false;
    }
  }
}
