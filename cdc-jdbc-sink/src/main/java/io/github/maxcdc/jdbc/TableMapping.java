package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which source table goes to which target table, and how its columns map: renames, exclusions, key
 * columns when the target has no primary or unique key, labels of ENUM and SET columns (the stream
 * carries only their index and bitmask), what to do with columns MaxScale cannot carry, and column
 * types for the columns the sink creates.
 *
 * <pre>{@code
 * TableMapping mapping = TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw")
 *     .rename("client", "customer")
 *     .exclude("internal_note");
 * }</pre>
 *
 * <p>Immutable: each method returns a new mapping. Thread-safe.
 */
public final class TableMapping {
  private final TableId source;
  private final TableId target;
  private final Map<String, String> renames;
  private final Set<String> excluded;
  private final List<String> keyColumns;
  private final Map<String, List<String>> labels;
  private final Map<String, LossyColumnPolicy> lossy;
  private final Map<String, String> columnTypes;

  private TableMapping(
      TableId source,
      TableId target,
      Map<String, String> renames,
      Set<String> excluded,
      List<String> keyColumns,
      Map<String, List<String>> labels,
      Map<String, LossyColumnPolicy> lossy,
      Map<String, String> columnTypes) {
    this.source = source;
    this.target = target;
    this.renames = Map.copyOf(renames);
    this.excluded = Set.copyOf(excluded);
    this.keyColumns = List.copyOf(keyColumns);
    this.labels = Map.copyOf(labels);
    this.lossy = Map.copyOf(lossy);
    this.columnTypes = Map.copyOf(columnTypes);
  }

  /**
   * Maps source table {@code source} ({@code db.table}) to target table {@code target} ({@code
   * db.table}), columns by name.
   *
   * @throws IllegalArgumentException if a name is not {@code db.table}
   */
  public static TableMapping of(String source, String target) {
    return of(TableId.parse(source), TableId.parse(target));
  }

  /** Maps source table {@code source} to target table {@code target}, columns by name. */
  public static TableMapping of(TableId source, TableId target) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    return new TableMapping(
        source, target, Map.of(), Set.of(), List.of(), Map.of(), Map.of(), Map.of());
  }

  /** Writes source column {@code sourceColumn} to target column {@code targetColumn}. */
  public TableMapping rename(String sourceColumn, String targetColumn) {
    name(sourceColumn, "sourceColumn");
    name(targetColumn, "targetColumn");
    Map<String, String> next = new LinkedHashMap<>(renames);
    next.put(sourceColumn, targetColumn);
    return new TableMapping(source, target, next, excluded, keyColumns, labels, lossy, columnTypes);
  }

  /** Never writes source column {@code sourceColumn}: its target column is left alone. */
  public TableMapping exclude(String sourceColumn) {
    name(sourceColumn, "sourceColumn");
    Set<String> next = new LinkedHashSet<>(excluded);
    next.add(sourceColumn);
    return new TableMapping(source, target, renames, next, keyColumns, labels, lossy, columnTypes);
  }

  /**
   * The target columns that identify a row, for a target table with neither a primary key nor a
   * unique key on NOT NULL columns (and for a target table the sink creates; the command line's
   * {@code --key-columns}). By default they are read from the target's primary key, else its first
   * unique key on NOT NULL columns; a table with neither has its rows matched on their whole before
   * image (see {@link JdbcSink}), which key columns make faster when they do identify a row.
   */
  public TableMapping keyColumns(String... targetColumns) {
    for (String c : targetColumns) {
      name(c, "targetColumns");
    }
    return new TableMapping(
        source, target, renames, excluded, List.of(targetColumns), labels, lossy, columnTypes);
  }

  /**
   * The labels of an ENUM or SET source column, in definition order: needed to write it to a text
   * column (the stream carries the ENUM's index and the SET's bitmask only). An ENUM or SET target
   * column takes the index and bitmask as they are.
   */
  public TableMapping labels(String sourceColumn, String... labelsInOrder) {
    name(sourceColumn, "sourceColumn");
    Map<String, List<String>> next = new LinkedHashMap<>(labels);
    next.put(sourceColumn, List.of(labelsInOrder));
    return new TableMapping(
        source, target, renames, excluded, keyColumns, next, lossy, columnTypes);
  }

  /**
   * What to do with source column {@code sourceColumn} if MaxScale cannot carry it exactly (a
   * column with a lossy caveat: BIT, JSON, VARBINARY, TIME; see the README's type table); the
   * default is the sink's {@link JdbcSink.Builder#lossyColumns(LossyColumnPolicy)}.
   */
  public TableMapping lossyColumn(String sourceColumn, LossyColumnPolicy policy) {
    name(sourceColumn, "sourceColumn");
    Objects.requireNonNull(policy, "policy");
    Map<String, LossyColumnPolicy> next = new LinkedHashMap<>(lossy);
    next.put(sourceColumn, policy);
    return new TableMapping(
        source, target, renames, excluded, keyColumns, labels, next, columnTypes);
  }

  /**
   * The SQL type of a target column the sink creates (with {@code createTarget} or {@link
   * NewColumnsPolicy#ADD_COLUMNS}), e.g. {@code DECIMAL(10,2)}: MaxScale does not send lengths and
   * precisions, so without it the sink picks a wide type.
   */
  public TableMapping columnType(String sourceColumn, String sqlType) {
    name(sourceColumn, "sourceColumn");
    Objects.requireNonNull(sqlType, "sqlType");
    if (!sqlType.matches("[A-Za-z][A-Za-z0-9 (),'_-]*")) {
      throw new IllegalArgumentException(
          "sqlType '" + sqlType + "' is not a plain SQL type such as DECIMAL(10,2)");
    }
    Map<String, String> next = new LinkedHashMap<>(columnTypes);
    next.put(sourceColumn, sqlType);
    return new TableMapping(source, target, renames, excluded, keyColumns, labels, lossy, next);
  }

  private static void name(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  /** The source table. */
  public TableId source() {
    return source;
  }

  /** The target table. */
  public TableId target() {
    return target;
  }

  /** The target column of source column {@code sourceColumn}, or empty if it is excluded. */
  public Optional<String> targetColumn(String sourceColumn) {
    if (excluded.contains(sourceColumn)) {
      return Optional.empty();
    }
    return Optional.of(renames.getOrDefault(sourceColumn, sourceColumn));
  }

  /** The configured key columns (target names), empty to read them from the target. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The labels configured for a source ENUM or SET column. */
  public Optional<List<String>> labels(String sourceColumn) {
    return Optional.ofNullable(labels.get(sourceColumn));
  }

  /** The lossy-column policy configured for a source column. */
  public Optional<LossyColumnPolicy> lossyColumn(String sourceColumn) {
    return Optional.ofNullable(lossy.get(sourceColumn));
  }

  /** Whether a column's lossy-column policy is {@code policy}. */
  boolean anyLossyColumn(LossyColumnPolicy policy) {
    return lossy.containsValue(policy);
  }

  /** The SQL type configured for a source column. */
  public Optional<String> columnType(String sourceColumn) {
    return Optional.ofNullable(columnTypes.get(sourceColumn));
  }

  @Override
  public String toString() {
    return source + " -> " + target;
  }
}
