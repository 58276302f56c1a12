package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The definition of a scripted table, as in a {@code CREATE TABLE} statement. Column types are
 * MariaDB type texts ({@code "INT UNSIGNED"}, {@code "DECIMAL(10,2)"}, {@code "ENUM('a','b')"}...);
 * the type name is kept as written, because MaxScale copies it into the schema's {@code real_type}.
 *
 * <pre>{@code
 * TableDefinition def = TableDefinition.builder()
 *         .column("id", "INT").autoIncrement("id").primaryKey("id")
 *         .column("client", "VARCHAR(100)")
 *         .column("date_creation", "TIMESTAMP", TableDefinition.CURRENT_TIMESTAMP)
 *         .build();
 * }</pre>
 *
 * <p>All columns are nullable. Immutable and thread-safe.
 */
public final class TableDefinition {
  /**
   * A default value meaning {@code DEFAULT CURRENT_TIMESTAMP} (TIMESTAMP and DATETIME columns
   * only).
   */
  public static final Object CURRENT_TIMESTAMP =
      new Object() {
        @Override
        public String toString() {
          return "CURRENT_TIMESTAMP";
        }
      };

  /**
   * The workshop's {@code commandes}, the orders table of maxcdc's examples and demo, ready for
   * tests: {@code id INT AUTO_INCREMENT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2),
   * statut VARCHAR(20), date_creation TIMESTAMP DEFAULT CURRENT_TIMESTAMP}.
   */
  public static TableDefinition commandes() {
    return builder()
        .column("id", "INT")
        .autoIncrement("id")
        .primaryKey("id")
        .column("client", "VARCHAR(100)")
        .column("montant", "DECIMAL(10,2)")
        .column("statut", "VARCHAR(20)")
        .column("date_creation", "TIMESTAMP", CURRENT_TIMESTAMP)
        .build();
  }

  private final List<ColumnDef> columns;
  private final List<String> primaryKey;
  private final String autoIncrement;

  private TableDefinition(Builder b) {
    this.columns = List.copyOf(b.columns);
    this.primaryKey = List.copyOf(b.primaryKey);
    this.autoIncrement = b.autoIncrement;
  }

  /**
   * Starts a definition.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  List<ColumnDef> columns() {
    return columns;
  }

  List<String> primaryKey() {
    return primaryKey;
  }

  String autoIncrement() {
    return autoIncrement;
  }

  /**
   * Returns the column names in order.
   *
   * @return column names
   */
  public List<String> columnNames() {
    return columns.stream().map(ColumnDef::name).toList();
  }

  @Override
  public String toString() {
    return "TableDefinition" + columnNames();
  }

  /** Builds a {@link TableDefinition}. Not thread-safe. */
  public static final class Builder {
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private String autoIncrement;

    private Builder() {}

    /**
     * Adds a nullable column whose default is NULL.
     *
     * @param name column name
     * @param type MariaDB type, e.g. {@code "VARCHAR(20)"}
     * @return this builder
     * @throws IllegalArgumentException if the name is taken or the type is not supported
     */
    public Builder column(String name, String type) {
      return column(name, type, null);
    }

    /**
     * Adds a nullable column with a default value.
     *
     * @param name column name
     * @param type MariaDB type, e.g. {@code "VARCHAR(20)"}
     * @param defaultValue a value of the column's Java type, {@link #CURRENT_TIMESTAMP}, or null
     * @return this builder
     * @throws IllegalArgumentException if the name is taken, or the type or the default is invalid
     */
    public Builder column(String name, String type, Object defaultValue) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      return column(ColumnSpec.of(name, type).defaultValue(defaultValue));
    }

    /**
     * Adds a column defined by a spec, e.g. one with a default.
     *
     * @param column the column, without a position ({@code FIRST}/{@code AFTER} belong to {@code
     *     ALTER TABLE})
     * @return this builder
     * @throws IllegalArgumentException if the name is taken or the spec has a position
     */
    public Builder column(ColumnSpec column) {
      Objects.requireNonNull(column, "column");
      if (column.position() != null) {
        throw new IllegalArgumentException(
            "column: a position (" + column.position() + ") only applies to ALTER TABLE");
      }
      if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
        throw new IllegalArgumentException("name: duplicate column '" + column.name() + "'");
      }
      columns.add(column.column());
      return this;
    }

    /**
     * Declares the primary key: inserts and updates that would duplicate it are refused, like
     * MariaDB.
     *
     * @param columns the key's column names
     * @return this builder
     */
    public Builder primaryKey(String... columns) {
      Objects.requireNonNull(columns, "columns");
      if (columns.length == 0) {
        throw new IllegalArgumentException("columns: a primary key needs at least one column");
      }
      primaryKey.clear();
      primaryKey.addAll(List.of(columns));
      return this;
    }

    /**
     * Declares the AUTO_INCREMENT column: rows inserted without a value (or with null or 0) get the
     * next number, starting at 1.
     *
     * @param column an integer column
     * @return this builder
     */
    public Builder autoIncrement(String column) {
      this.autoIncrement = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     * @throws IllegalStateException if there is no column, or a key names an unknown column
     */
    public TableDefinition build() {
      if (columns.isEmpty()) {
        throw new IllegalStateException("a table needs at least one column");
      }
      if (columns.stream().allMatch(ColumnDef::invisible)) {
        throw new IllegalStateException("a table needs at least one visible column");
      }
      for (String k : primaryKey) {
        find(k, "primary key");
      }
      if (autoIncrement != null) {
        ColumnDef c = find(autoIncrement, "AUTO_INCREMENT");
        if (!c.type().integer()) {
          throw new IllegalStateException(
              "AUTO_INCREMENT column '" + autoIncrement + "' must be an integer");
        }
      }
      return new TableDefinition(this);
    }

    private ColumnDef find(String name, String what) {
      return columns.stream()
          .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException(what + " names unknown column '" + name + "'"));
    }
  }
}
