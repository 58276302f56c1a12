package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.LossyColumnPolicy;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.jdbc.internal.convert.Binders;
import io.github.maxcdc.jdbc.internal.convert.ValueBinder;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * How the rows of one source schema version are written to the target table: the columns written
 * (source index, target column, binder), the key, the upsert and delete statements; for a target
 * table without key, the compared columns of the before image and the statements matching one row
 * equal to it ({@link ImageMatching}). Built once per schema version from the target's description.
 * Immutable (the texts of multi-row statements are built on first use, see {@link RowsSql}).
 */
public final class WritePlan {
  /** Whether a written column's value is read from the source database instead of the stream. */
  public enum Reread {
    /** Written from the stream. */
    NEVER,
    /** Always read from the source: MaxScale cannot carry the column (a lossy caveat). */
    ALWAYS,
    /** Read from the source when the streamed value cannot be trusted ({@code Fidelity}). */
    UNTRUSTED
  }

  /**
   * A written column.
   *
   * @param source the source column's index, -1 for the soft-delete column
   * @param target the target column
   * @param binder binds a streamed value; null for a column always read from the source
   * @param reread where the value comes from
   */
  public record Written(int source, TargetColumn target, ValueBinder binder, Reread reread) {
    /**
     * Whether the streamed value can be written: false for a lossy column always read from the
     * source; true for a CHAR/VARCHAR column read from the source only in case of a hidden NUL cut.
     */
    public boolean hasStreamedValue() {
      return binder != null;
    }
  }

  /** Bound parameters of one statement, at most (MariaDB's limit is 65,535). */
  static final int MAX_PARAMETERS = 8_192;

  /**
   * The statements of a plan.
   *
   * @param upsert the upsert (a plain insert without a unique key)
   * @param upserts the upserts of 1 to n rows in one statement, or null: one row at a time
   * @param delete the delete (or soft-delete update)
   * @param deletes the deletes (or soft-delete updates) of 1 to n keys in one statement, or null:
   *     one row at a time
   * @param keyDelete the delete by key before an insert when the key has no unique index, or null
   * @param update the update of one row equal to the before image, for a table without key; else
   *     null
   */
  record Sql(
      String upsert,
      RowsSql upserts,
      String delete,
      RowsSql deletes,
      String keyDelete,
      String update) {}

  private final TableSchema schema;
  private final TableId target;
  private final List<Written> columns;
  private final List<Written> key; // empty when rows are matched on their image
  private final List<Written> image; // the compared columns of a table without key, else empty
  private final Written softDelete;
  private final DeleteMode deletes;
  private final Sql sql;
  private final ShapeSql shape; // null for a mirror

  WritePlan(
      TableSchema schema,
      TableId target,
      List<Written> columns,
      List<Written> key,
      List<Written> image,
      Written softDelete,
      DeleteMode deletes,
      Sql sql) {
    this(schema, target, columns, key, image, softDelete, deletes, sql, null);
  }

  WritePlan(
      TableSchema schema,
      TableId target,
      List<Written> columns,
      List<Written> key,
      List<Written> image,
      Written softDelete,
      DeleteMode deletes,
      Sql sql,
      ShapeSql shape) {
    this.shape = shape;
    this.schema = schema;
    this.target = target;
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
    this.image = List.copyOf(image);
    this.softDelete = softDelete;
    this.deletes = deletes;
    this.sql = sql;
  }

  /**
   * Plans the writes of {@code schema} to {@code target}.
   *
   * @param ignored source columns not to write (new columns ignored by policy)
   * @throws SinkSchemaException if a column or the key cannot be mapped, or a lossy column must not
   *     be written
   */
  public static WritePlan create(
      TableSchema schema, TargetTable target, SinkOptions options, Set<String> ignored)
      throws SinkSchemaException {
    List<Written> columns = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    boolean declared = schema.columns().stream().anyMatch(c -> c.declaredType() != null);
    for (Column column : schema.columns()) {
      Optional<String> name = options.mapping().targetColumn(column.name());
      if (name.isEmpty() || ignored.contains(column.name())) {
        continue;
      }
      boolean reread = policy(column, options) == LossyColumnPolicy.REREAD;
      if (reread && declared && column.declaredType() == null) {
        // a schema with declared types (looked up from the source) lacks them for the columns the
        // source dropped or renamed since (a stream catching up): nothing to re-read; a lossy one
        // is left alone, the others are written as they arrive
        if (column.isLossy()) {
          continue;
        }
        reread = false;
      }
      if (column.isLossy() && !reread && !writesLossy(column, options, refused)) {
        continue;
      }
      TargetColumn targetColumn =
          requireColumn(target, name.get(), "source column '" + column.name() + "'");
      if (column.isLossy() && reread) {
        columns.add(new Written(column.index(), targetColumn, null, Reread.ALWAYS));
      } else if (silentText(column) && reread) {
        // a NUL cut is invisible in the value: read the column from the source for every row
        columns.add(
            new Written(
                column.index(),
                targetColumn,
                binder(column, targetColumn, options),
                Reread.ALWAYS));
      } else {
        columns.add(
            new Written(
                column.index(),
                targetColumn,
                binder(column, targetColumn, options),
                reread ? Reread.UNTRUSTED : Reread.NEVER));
      }
    }
    if (!refused.isEmpty()) {
      throw new SinkSchemaException(
          "source table "
              + schema.table()
              + " (schema version "
              + schema.version()
              + ") has columns MaxScale "
              + "cannot carry exactly: "
              + String.join(", ", refused)
              + " (see the README's type table); "
              + "give the sink a source connection to re-read them (JdbcSink.Builder.source(...),"
              + " --source-url), skip them (TableMapping.lossyColumn(column, SKIP),"
              + " lossyColumns(SKIP), --lossy-columns skip, --lossy-column COLUMN=skip), or"
              + " accept what arrives (WRITE, --lossy-columns write)",
          null);
    }
    if (options.mode() != TargetMode.MIRROR) {
      return ShapePlans.plan(schema, target, options, columns);
    }
    Written softDelete = softDeleteColumn(target, options.deletes());
    List<String> keyNames = keyNames(target, options);
    if (keyNames.isEmpty()) {
      return ImageMatching.plan(schema, target, options, columns, softDelete);
    }
    List<Written> key = key(schema, target, keyNames, columns);
    streamedKey(schema, target, columns, key);
    List<String> names = new ArrayList<>(columns.stream().map(w -> w.target().name()).toList());
    if (softDelete != null) {
      names.add(softDelete.target().name());
    }
    List<String> keys = key.stream().map(w -> w.target().name()).toList();
    List<Boolean> nullable = key.stream().map(w -> w.target().nullable()).toList();
    TableId id = target.id();
    String mark = softDelete == null ? null : softDelete.target().name();
    IntFunction<String> deleteOf =
        n ->
            mark == null
                ? MariaDbDialect.delete(id, keys, nullable, n)
                : MariaDbDialect.softDelete(id, mark, keys, nullable, n);
    // the soft delete's mark is one more parameter
    int deleteRows =
        Math.max(1, Math.min(options.rowsPerStatement(), (MAX_PARAMETERS - 1) / keys.size()));
    RowsSql deletes = deleteRows > 1 ? new RowsSql(deleteRows, deleteOf) : null;
    int rows = Math.max(1, Math.min(options.rowsPerStatement(), MAX_PARAMETERS / names.size()));
    Sql sql;
    if (!target.isUnique(keys)) {
      // ON DUPLICATE KEY UPDATE needs a unique index: replace the row by key instead
      sql =
          new Sql(
              MariaDbDialect.insert(id, names),
              null,
              deleteOf.apply(1),
              deletes,
              MariaDbDialect.delete(id, keys, nullable),
              null);
    } else {
      sql =
          new Sql(
              MariaDbDialect.upsert(id, names, keys),
              rows > 1 ? new RowsSql(rows, n -> MariaDbDialect.upsert(id, names, keys, n)) : null,
              deleteOf.apply(1),
              deletes,
              null,
              null);
    }
    return new WritePlan(
        schema, target.id(), columns, key, List.of(), softDelete, options.deletes(), sql);
  }

  /**
   * The source columns {@code schema} would write that {@code target} lacks (mapped, not excluded,
   * not lossy columns left out by policy).
   */
  public static List<Column> missingColumns(
      TableSchema schema, TargetTable target, SinkOptions options) {
    List<Column> missing = new ArrayList<>();
    for (Column column : schema.columns()) {
      Optional<String> name = options.mapping().targetColumn(column.name());
      if (name.isEmpty() || target.column(name.get()).isPresent()) {
        continue;
      }
      if (column.isLossy()
          && policy(column, options) != LossyColumnPolicy.REREAD
          && !writesLossy(column, options, new ArrayList<>())) {
        continue;
      }
      missing.add(column);
    }
    return missing;
  }

  /**
   * Whether the sink writes {@code column} at all: every column but a lossy one that its policy
   * refuses or skips.
   */
  public static boolean writes(Column column, SinkOptions options) {
    return !column.isLossy()
        || policy(column, options) == LossyColumnPolicy.REREAD
        || writesLossy(column, options, new ArrayList<>());
  }

  /**
   * Whether the column's values can be cut without showing it, though it is not lossy (CHAR and
   * VARCHAR, {@link io.github.maxcdc.event.Caveat#TEXT_CUT_AT_NUL}): re-read with a source, else
   * written as they arrive (the sink warns once).
   */
  public static boolean silentText(Column column) {
    return !column.isLossy() && column.caveats().stream().anyMatch(c -> c.isSilent());
  }

  private static LossyColumnPolicy policy(Column column, SinkOptions options) {
    return options.mapping().lossyColumn(column.name()).orElse(options.lossyColumns());
  }

  private static boolean writesLossy(Column column, SinkOptions options, List<String> refused) {
    LossyColumnPolicy policy = policy(column, options);
    if (policy == LossyColumnPolicy.FAIL) {
      refused.add(
          column.name() + " " + column.caveats().stream().filter(c -> c.isLossy()).toList());
      return false;
    }
    // BIT and JSON carry nothing: WRITE would write nothing true, so they are skipped too
    return policy == LossyColumnPolicy.WRITE
        && !column.has(io.github.maxcdc.event.Caveat.NOT_CARRIED);
  }

  private static ValueBinder binder(Column column, TargetColumn target, SinkOptions options)
      throws SinkSchemaException {
    if (!column.type().equals(io.github.maxcdc.event.ColumnType.UNKNOWN)) {
      try {
        return Binders.forColumn(
            column, target, options.mapping().labels(column.name()), options.zone());
      } catch (IllegalStateException e) {
        throw new SinkSchemaException(e.getMessage(), null);
      }
    }
    return Binders::bindRaw;
  }

  /**
   * The key columns: the mapping's, else the target's primary key or first unique key on NOT NULL
   * columns; empty for a table whose rows are matched on their whole image.
   */
  private static List<String> keyNames(TargetTable target, SinkOptions options) {
    return options.mapping().keyColumns().isEmpty() ? target.key() : options.mapping().keyColumns();
  }

  /**
   * Checks that the key columns can be matched by their streamed values: a CHAR/VARCHAR key read
   * from the source for hidden NUL cuts is matched by its streamed value (replaced in {@code
   * columns} and {@code key}); a key MaxScale cannot carry is refused.
   */
  static void streamedKey(
      TableSchema schema, TargetTable target, List<Written> columns, List<Written> key)
      throws SinkSchemaException {
    for (int i = 0; i < key.size(); i++) {
      Written k = key.get(i);
      if (k.reread() == Reread.ALWAYS && k.hasStreamedValue()) {
        // a CHAR/VARCHAR key is matched by its streamed value: keys holding NUL bytes are not
        // supported (the README's type table)
        Written streamed = new Written(k.source(), k.target(), k.binder(), Reread.UNTRUSTED);
        columns.set(columns.indexOf(k), streamed);
        key.set(i, streamed);
        continue;
      }
      if (k.reread() == Reread.ALWAYS) {
        throw new SinkSchemaException(
            "key column '"
                + k.target().name()
                + "' of "
                + target.id()
                + " comes from a column MaxScale cannot carry ("
                + schema.column(k.source())
                + "): rows cannot be matched by it",
            null);
      }
    }
  }

  /**
   * The key columns named {@code names}, each written by a column of {@code columns}.
   *
   * @throws SinkSchemaException if a key column is written by no source column
   */
  static List<Written> key(
      TableSchema schema, TargetTable target, List<String> names, List<Written> columns)
      throws SinkSchemaException {
    List<Written> key = new ArrayList<>();
    for (String name : names) {
      Written written =
          columns.stream()
              .filter(w -> w.target().name().equalsIgnoreCase(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new SinkSchemaException(
                          "key column '"
                              + name
                              + "' of target table "
                              + target.id()
                              + " is written by no column of "
                              + schema.table()
                              + " schema version "
                              + schema.version()
                              + " (columns: "
                              + schema.columnNames()
                              + ")",
                          null));
      key.add(written);
    }
    return key;
  }

  private static Written softDeleteColumn(TargetTable target, DeleteMode deletes)
      throws SinkSchemaException {
    String name;
    if (deletes instanceof DeleteMode.Flag flag) {
      name = flag.column();
    } else if (deletes instanceof DeleteMode.Timestamp timestamp) {
      name = timestamp.column();
    } else {
      return null;
    }
    TargetColumn column = requireColumn(target, name, "soft deletes");
    return new Written(-1, column, null, Reread.NEVER);
  }

  static TargetColumn requireColumn(TargetTable target, String name, String purpose)
      throws SinkSchemaException {
    return target
        .column(name)
        .orElseThrow(
            () ->
                new SinkSchemaException(
                    "target table " + target.id() + " has no column '" + name + "' for " + purpose,
                    null));
  }

  /** The statements of a history or SCD2 table; null for a mirror. */
  public ShapeSql shape() {
    return shape;
  }

  /** The target table's shape. */
  public TargetMode mode() {
    return shape == null ? TargetMode.MIRROR : shape.mode();
  }

  /** The source schema this plan writes. */
  public TableSchema schema() {
    return schema;
  }

  /** The written columns, in statement order. */
  public List<Written> columns() {
    return columns;
  }

  /** Whether some written value may be read from the source database. */
  public boolean rereads() {
    return columns.stream().anyMatch(w -> w.reread() != Reread.NEVER);
  }

  /** The key columns, in statement order; empty when rows are matched on their image. */
  public List<Written> key() {
    return key;
  }

  /**
   * Whether rows are matched on their whole before image (a table without key): inserts are plain
   * inserts, updates and deletes change one row equal to the before image ({@link #image()}).
   */
  public boolean matchesImage() {
    return !image.isEmpty();
  }

  /** The columns compared with the before image, in statement order; empty with a key. */
  public List<Written> image() {
    return image;
  }

  /** The target table. */
  public TableId target() {
    return target;
  }

  /** The soft-delete column, or null for hard deletes. */
  public Written softDelete() {
    return softDelete;
  }

  /** How deletes are applied. */
  public DeleteMode deletes() {
    return deletes;
  }

  /** The upsert statement (a plain insert when rows are matched on their image). */
  public String upsertSql() {
    return sql.upsert();
  }

  /**
   * The upsert of {@code rows} rows in one statement, for runs of upserts, from 1 to {@link
   * #rowsPerStatement()}.
   *
   * @throws IllegalStateException if rows are written one at a time ({@link #rowsPerStatement()} is
   *     1: no unique key, delete then insert; no key at all)
   * @throws IllegalArgumentException if {@code rows} is out of range
   */
  public String upsertSql(int rows) {
    return rows == 1 ? sql.upsert() : multi(sql.upserts(), "upserts").sql(rows);
  }

  /** The most rows of one upsert statement; 1 when rows are written one at a time. */
  public int rowsPerStatement() {
    return sql.upserts() == null ? 1 : sql.upserts().maxRows();
  }

  /**
   * The delete (or soft-delete update) of {@code rows} keys in one statement, for runs of deletes,
   * from 1 to {@link #deletesPerStatement()}.
   *
   * @throws IllegalStateException if deletes are written one at a time
   * @throws IllegalArgumentException if {@code rows} is out of range
   */
  public String deleteSql(int rows) {
    return rows == 1 ? sql.delete() : multi(sql.deletes(), "deletes").sql(rows);
  }

  /**
   * The most keys of one delete statement; 1 when deletes are written one at a time (a table
   * without key, or one row per statement asked).
   */
  public int deletesPerStatement() {
    return sql.deletes() == null ? 1 : sql.deletes().maxRows();
  }

  private static RowsSql multi(RowsSql rows, String what) {
    if (rows == null) {
      throw new IllegalStateException("this plan writes its " + what + " one row at a time");
    }
    return rows;
  }

  /**
   * The statement deleting a row by key before {@link #upsertSql()} inserts it, when the target's
   * key columns have no unique index (then the upsert statement is a plain insert); else null.
   */
  public String keyDeleteSql() {
    return sql.keyDelete();
  }

  /** The delete (or soft-delete update) statement. */
  public String deleteSql() {
    return sql.delete();
  }

  /**
   * The update of one row equal to the before image ({@code UPDATE ... SET written columns WHERE
   * image LIMIT 1}) when rows are matched on their image; else null (updates are upserts).
   */
  public String updateSql() {
    return sql.update();
  }
}
