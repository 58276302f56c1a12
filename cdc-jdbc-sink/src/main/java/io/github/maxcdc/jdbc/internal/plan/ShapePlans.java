package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.HistoryColumns;
import io.github.maxcdc.jdbc.Scd2Columns;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The write plans and the created tables of the history and SCD2 shapes ({@link TargetMode}).
 *
 * <p>A history table is keyed by the change's GTID and event number: its plan's {@link
 * WritePlan#key()} is the source row's key (the mapping's key columns, or none), used only to
 * re-read values from the source. An SCD2 table is keyed by the source row's key and the version's
 * start: the plan's key is the source key (the mapping's key columns, else the target's primary key
 * without the start). Stateless.
 */
final class ShapePlans {
  private ShapePlans() {}

  /** The plan of a history or SCD2 table, {@code columns} being the written source columns. */
  static WritePlan plan(
      TableSchema schema, TargetTable target, SinkOptions options, List<Written> columns)
      throws SinkSchemaException {
    for (Written w : columns) {
      if (options.isShapeColumn(w.target().name())) {
        throw new SinkSchemaException(
            "source column '"
                + schema.column(w.source()).name()
                + "' of "
                + schema.table()
                + " is written to target column '"
                + w.target().name()
                + "', which target mode "
                + name(options.mode())
                + " uses for itself: rename the shape's column ("
                + (options.mode() == TargetMode.HISTORY
                    ? "historyColumns(...), --history-columns"
                    : "scd2Columns(...), --scd2-columns")
                + ") or map the source column elsewhere",
            null);
      }
    }
    return options.mode() == TargetMode.HISTORY
        ? history(schema, target, options, columns)
        : scd2(schema, target, options, columns);
  }

  private static WritePlan history(
      TableSchema schema, TargetTable target, SinkOptions options, List<Written> columns)
      throws SinkSchemaException {
    HistoryColumns h = options.history();
    for (String name : h.names()) {
      WritePlan.requireColumn(target, name, "target mode history");
    }
    if (!target.isUnique(List.of(h.gtid(), h.eventNumber()))) {
      throw new SinkSchemaException(
          "history table "
              + target.id()
              + " needs a primary key on ("
              + h.gtid()
              + ", "
              + h.eventNumber()
              + ") so that a change written again is not appended twice: add it, or let the sink"
              + " create the table (createTarget, --create-target)",
          null);
    }
    List<Written> key = WritePlan.key(schema, target, options.mapping().keyColumns(), columns);
    WritePlan.streamedKey(schema, target, columns, key);
    requireKeyForRereads(columns, key, target);
    List<String> names = new ArrayList<>(columns.stream().map(w -> w.target().name()).toList());
    names.addAll(h.names());
    TableId id = target.id();
    int rows =
        Math.max(1, Math.min(options.rowsPerStatement(), WritePlan.MAX_PARAMETERS / names.size()));
    RowsSql appends = new RowsSql(rows, n -> MariaDbDialect.appendOnce(id, names, h.gtid(), n));
    return shaped(
        schema,
        target,
        options,
        columns,
        key,
        new ShapeSql(TargetMode.HISTORY, h, options.scd2(), appends, null, null));
  }

  private static WritePlan scd2(
      TableSchema schema, TargetTable target, SinkOptions options, List<Written> columns)
      throws SinkSchemaException {
    Scd2Columns v = options.scd2();
    for (String name : v.names()) {
      WritePlan.requireColumn(target, name, "target mode scd2");
    }
    List<String> keyNames = new ArrayList<>(options.mapping().keyColumns());
    if (keyNames.isEmpty()) {
      for (String k : target.key()) {
        if (!k.equalsIgnoreCase(v.validFrom())) {
          keyNames.add(k);
        }
      }
    }
    List<String> versionKey = new ArrayList<>(keyNames);
    versionKey.add(v.validFrom());
    if (keyNames.isEmpty() || !target.isUnique(versionKey)) {
      throw new SinkSchemaException(
          "SCD2 table "
              + target.id()
              + " needs a primary key on the source row's key columns and "
              + v.validFrom()
              + (keyNames.isEmpty() ? "" : " (" + versionKey + ")")
              + ": add it, give the key columns (TableMapping.keyColumns, --key-columns), or let"
              + " the sink create the table (createTarget(keyColumns...), --create-target COLS)",
          null);
    }
    List<Written> key = WritePlan.key(schema, target, keyNames, columns);
    WritePlan.streamedKey(schema, target, columns, key);
    List<String> keys = key.stream().map(w -> w.target().name()).toList();
    List<Boolean> nullable = key.stream().map(w -> w.target().nullable()).toList();
    List<String> names = new ArrayList<>(columns.stream().map(w -> w.target().name()).toList());
    names.addAll(v.names());
    TableId id = target.id();
    int rows =
        Math.max(1, Math.min(options.rowsPerStatement(), WritePlan.MAX_PARAMETERS / names.size()));
    RowsSql opens = new RowsSql(rows, n -> MariaDbDialect.upsert(id, names, versionKey, n));
    String close =
        MariaDbDialect.closeVersion(id, keys, nullable, v.validFrom(), v.validTo(), v.current());
    String drop = MariaDbDialect.dropVersionAt(id, keys, nullable, v.validFrom(), v.current());
    return shaped(
        schema,
        target,
        options,
        columns,
        key,
        new ShapeSql(TargetMode.SCD2, options.history(), v, opens, close, drop));
  }

  private static WritePlan shaped(
      TableSchema schema,
      TargetTable target,
      SinkOptions options,
      List<Written> columns,
      List<Written> key,
      ShapeSql shape) {
    WritePlan.Sql none = new WritePlan.Sql(null, null, null, null, null, null);
    return new WritePlan(
        schema, target.id(), columns, key, List.of(), null, options.deletes(), none, shape);
  }

  // Values re-read from the source are looked up by the row's key.
  private static void requireKeyForRereads(
      List<Written> columns, List<Written> key, TargetTable target) throws SinkSchemaException {
    if (key.isEmpty() && columns.stream().anyMatch(w -> w.reread() != WritePlan.Reread.NEVER)) {
      throw new SinkSchemaException(
          "history table "
              + target.id()
              + " has columns re-read from the source, which are looked up by the source row's"
              + " key: give the key columns (TableMapping.keyColumns, --key-columns, or"
              + " createTarget(keyColumns...), --create-target COLS), or choose another lossy"
              + " column policy (lossyColumns, --lossy-columns)",
          null);
    }
  }

  /**
   * The DDL creating the table of {@code schema} in the shape of {@code options}: the written
   * source columns with their types, then the shape's columns; history keyed by (gtid, event
   * number) with an index on the mapping's key columns, SCD2 by the key columns and the start.
   *
   * @param names the written source columns' target names
   * @param types their SQL types
   */
  static String createTable(SinkOptions options, List<String> names, List<String> types) {
    List<String> all = new ArrayList<>(names);
    List<String> allTypes = new ArrayList<>(types);
    List<String> keys = options.mapping().keyColumns();
    List<String> notNull = new ArrayList<>();
    List<String> primary = new ArrayList<>();
    List<String> index = List.of();
    if (options.mode() == TargetMode.HISTORY) {
      HistoryColumns h = options.history();
      all.addAll(h.names());
      // GTIDs and kinds are ASCII, compared byte for byte: a smaller, cheaper primary key
      allTypes.addAll(List.of(ascii(8), ascii(64), "INT", "DATETIME"));
      notNull.addAll(h.names());
      primary.addAll(List.of(h.gtid(), h.eventNumber()));
      index = keys;
    } else {
      Scd2Columns v = options.scd2();
      all.addAll(v.names());
      allTypes.addAll(List.of("DATETIME", "DATETIME", "TINYINT"));
      notNull.addAll(keys);
      notNull.add(v.validFrom());
      notNull.add(v.current());
      primary.addAll(keys);
      primary.add(v.validFrom());
      // the current version of a key is looked up on each change
      index = new ArrayList<>(keys);
      index.add(v.current());
    }
    return MariaDbDialect.createShapedTable(
        options.mapping().target(), all, allTypes, notNull, primary, index);
  }

  private static String ascii(int length) {
    return "VARCHAR(" + length + ") CHARACTER SET ascii COLLATE ascii_bin";
  }

  /** The name of a source column that would take the name of a column the shape adds, if any. */
  static Optional<String> collision(TableSchema schema, SinkOptions options) {
    for (Column c : schema.columns()) {
      Optional<String> name = options.mapping().targetColumn(c.name());
      if (name.isPresent() && options.isShapeColumn(name.get())) {
        return name;
      }
    }
    return Optional.empty();
  }

  private static String name(TargetMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
