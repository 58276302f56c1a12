package io.github.maxcdc;

import io.github.maxcdc.event.TableId;
import java.util.Map;
import java.util.Objects;

/**
 * The column types a table declares in the source database ({@code decimal(65,30)}, {@code
 * uuid}...), which MaxScale's schema does not carry: with them a DECIMAL value is rebuilt at its
 * column's scale and flagged when its column is too wide for the double MaxScale sends (see the
 * README's type table). Looked up on the reader thread once per schema version of a table.
 *
 * <p>{@code io.github.maxcdc.jdbc.SourceDatabase#declaredTypes()} reads them from the source's
 * {@code information_schema}; {@link #of(Map)} takes them as given.
 */
@FunctionalInterface
public interface DeclaredTypes {

  /**
   * The declared type of each column of {@code table}, by column name, as {@code
   * information_schema.COLUMNS.COLUMN_TYPE} writes it; columns left out keep what MaxScale says.
   *
   * @throws Exception if the types cannot be read: the stream stops with that cause rather than
   *     decode values on a guess
   */
  Map<String, String> columnTypes(TableId table) throws Exception;

  /** Fixed declared types: table, then column name, then type. */
  static DeclaredTypes of(Map<TableId, Map<String, String>> types) {
    Map<TableId, Map<String, String>> copy = Map.copyOf(Objects.requireNonNull(types, "types"));
    return table -> copy.getOrDefault(table, Map.of());
  }
}
