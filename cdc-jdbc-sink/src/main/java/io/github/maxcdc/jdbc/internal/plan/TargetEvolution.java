package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SchemaChangePolicy;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DDL a new source schema version calls for on the target before its first row, as {@link
 * SchemaChangePolicy} says: renamed columns renamed, narrower target columns widened, dropped
 * columns dropped. New columns are the planner's. Stateless.
 *
 * <p>A rename is what MaxScale shows of {@code CHANGE old new TYPE}: between two versions, columns
 * at the same positions with the same types where only names differ, nothing else changed. With a
 * source connection it is confirmed there (the old name gone, the new one present). A type change
 * is judged on the source's declared types when known, else on MaxScale's {@code real_type}; the
 * target column is widened when it cannot hold the new type, whatever the previous version said (a
 * stream catching up sees old versions with the source's current declared types).
 */
final class TargetEvolution {
  private static final Logger LOG = LoggerFactory.getLogger(TargetEvolution.class);

  private TargetEvolution() {}

  /**
   * The DDL statements, in order.
   *
   * @param previous the version planned before, or null
   * @param sourceColumns the source table's current column names, or null without a source
   * @throws SinkSchemaException if a change is refused by the policy, or narrows a type
   */
  static List<String> ddl(
      TableSchema previous,
      TableSchema next,
      TargetTable table,
      SinkOptions options,
      Set<String> sourceColumns)
      throws SinkSchemaException {
    SchemaChangePolicy policy = options.schemaChanges();
    List<String> ddl = new ArrayList<>();
    Map<String, String> renamed = previous == null ? Map.of() : renames(previous, next);
    for (Map.Entry<String, String> r : renamed.entrySet()) {
      rename(r.getKey(), r.getValue(), next, table, options, sourceColumns).ifPresent(ddl::add);
    }
    for (Column column : next.columns()) {
      Optional<String> name = options.mapping().targetColumn(column.name());
      if (name.isEmpty()) {
        continue;
      }
      if (previous != null) {
        String before = column.name();
        for (Map.Entry<String, String> r : renamed.entrySet()) {
          if (r.getValue().equals(column.name())) {
            before = r.getKey();
          }
        }
        Optional<Column> was = previous.column(before);
        if (was.isPresent()) {
          checkSourceChange(was.get(), column, next);
        }
      }
      // a column renamed in this version has its old name in the target until the DDL runs, and
      // its type unchanged: nothing to widen
      String target = name.get();
      Optional<TargetColumn> existing = table.column(target);
      if (existing.isPresent()) {
        widen(column, existing.get(), target, next, table, options).ifPresent(ddl::add);
      }
    }
    if (previous != null && policy.dropped() == SchemaChangePolicy.Dropped.DROP) {
      for (Column gone : previous.columns()) {
        if (next.column(gone.name()).isPresent() || renamed.containsKey(gone.name())) {
          continue;
        }
        Optional<String> name = options.mapping().targetColumn(gone.name());
        if (name.isPresent()
            && table.column(name.get()).isPresent()
            && !table.key().contains(name.get())) {
          LOG.info("{}: dropping column {}, dropped from the source", table.id(), name.get());
          ddl.add(
              "ALTER TABLE "
                  + MariaDbDialect.table(table.id())
                  + " DROP COLUMN "
                  + MariaDbDialect.quote(name.get()));
        }
      }
    }
    return ddl;
  }

  /** Old name to new name of the columns renamed between the two versions. */
  static Map<String, String> renames(TableSchema previous, TableSchema next) {
    if (previous.size() != next.size()) {
      return Map.of();
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    for (int i = 0; i < next.size(); i++) {
      Column before = previous.column(i);
      Column after = next.column(i);
      if (before.name().equals(after.name())) {
        continue;
      }
      // the types MaxScale names (declared types are the source's current ones: an old name has
      // none)
      if (before.type() != after.type()
          || before.unsigned() != after.unsigned()
          || next.column(before.name()).isPresent()
          || previous.column(after.name()).isPresent()) {
        return Map.of(); // more than renames changed: new and dropped columns
      }
      renamed.put(before.name(), after.name());
    }
    return renamed;
  }

  private static Optional<String> rename(
      String from,
      String to,
      TableSchema next,
      TargetTable table,
      SinkOptions options,
      Set<String> sourceColumns)
      throws SinkSchemaException {
    Optional<String> oldTarget = options.mapping().targetColumn(from);
    Optional<String> newTarget = options.mapping().targetColumn(to);
    if (oldTarget.isEmpty()
        || newTarget.isEmpty()
        || table.column(oldTarget.get()).isEmpty()
        || table.column(newTarget.get()).isPresent()) {
      return Optional.empty(); // done before a restart, or not written
    }
    switch (options.schemaChanges().renamed()) {
      case FAIL:
        throw new SinkSchemaException(
            "source column '"
                + from
                + "' of "
                + next.table()
                + " is renamed '"
                + to
                + "' in schema version "
                + next.version()
                + ": rename target column "
                + oldTarget.get()
                + " of "
                + table.id()
                + ", or let the sink do it (SchemaChangePolicy.Renamed.RENAME,"
                + " --on-renamed-columns rename)",
            null);
      case ADD:
        return Optional.empty();
      default:
        break;
    }
    if (sourceColumns != null && (sourceColumns.contains(from) || !sourceColumns.contains(to))) {
      LOG.warn(
          "{}: schema version {} shows column {} renamed {}, which the source does not confirm"
              + " (its columns: {}): treated as a dropped column and a new one",
          next.table(),
          next.version(),
          from,
          to,
          sourceColumns);
      return Optional.empty();
    }
    LOG.info(
        "{}: renaming column {} to {}, as the source did (schema version {})",
        table.id(),
        oldTarget.get(),
        newTarget.get(),
        next.version());
    return Optional.of(
        "ALTER TABLE "
            + MariaDbDialect.table(table.id())
            + " RENAME COLUMN "
            + MariaDbDialect.quote(oldTarget.get())
            + " TO "
            + MariaDbDialect.quote(newTarget.get()));
  }

  // A narrowing or incompatible change of a source column's type stops the sink.
  private static void checkSourceChange(Column before, Column after, TableSchema next)
      throws SinkSchemaException {
    if ((before.declaredType() == null) != (after.declaredType() == null)) {
      return; // MaxScale's bare type name against a declared type: nothing to compare
    }
    SqlType was = SqlType.of(before);
    SqlType now = SqlType.of(after);
    if (was.equals(now) || now.holds(was) != SqlType.Fit.OTHER) {
      return;
    }
    throw new SinkSchemaException(
        "source column '"
            + after.name()
            + "' of "
            + next.table()
            + " changed from "
            + was
            + " to "
            + now
            + " in schema version "
            + next.version()
            + ": a narrowing or incompatible change the sink does not follow; change target"
            + " column's type by hand, then restart",
        null);
  }

  private static Optional<String> widen(
      Column column,
      TargetColumn existing,
      String target,
      TableSchema next,
      TargetTable table,
      SinkOptions options)
      throws SinkSchemaException {
    SqlType required = SqlType.of(column);
    SqlType have = SqlType.parse(existing.columnType());
    if (required.holds(have) != SqlType.Fit.WIDER || have.holds(required) != SqlType.Fit.OTHER) {
      return Optional.empty(); // holds it, or another family the binders convert to
    }
    if (options.schemaChanges().typeChanges() == SchemaChangePolicy.TypeChanges.FAIL) {
      throw new SinkSchemaException(
          "source column '"
              + column.name()
              + "' of "
              + next.table()
              + " is "
              + required
              + " in schema version "
              + next.version()
              + ", wider than target column "
              + target
              + " ("
              + existing.columnType()
              + "): widen it, or let the sink do it (SchemaChangePolicy.TypeChanges.WIDEN,"
              + " --on-type-changes widen)",
          null);
    }
    String type = ColumnTypes.sqlType(column, options.mapping());
    LOG.info(
        "{}: widening column {} from {} to {} (schema version {})",
        table.id(),
        target,
        existing.columnType(),
        type,
        next.version());
    return Optional.of(
        "ALTER TABLE "
            + MariaDbDialect.table(table.id())
            + " MODIFY COLUMN "
            + MariaDbDialect.quote(target)
            + " "
            + type
            + (existing.nullable() ? "" : " NOT NULL"));
  }
}
