package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.sql.Retrying;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a source schema version is written to the target table: creates the table from the
 * first schema or adds new columns when the options allow it, refuses otherwise. Schema changes are
 * its one reason to change; the sink only asks it for a plan when a new version arrives. Used by
 * the sink's reader thread only.
 */
public final class SchemaPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaPlanner.class);

  private final SinkOptions options;
  private final Retrying committer;
  private final String target;
  private final Set<String> warnedText = new HashSet<>();
  private boolean scanWarned; // the warning of a table without key is given once

  private final SourceConnector source; // null without a source connection
  private final Backfill backfill;
  private TableSchema previous; // the version planned before, null at start
  private boolean fillWarned;

  /**
   * A planner for the mapping of {@code options}; DDL and metadata reads go through {@code
   * committer}'s retries.
   *
   * @param source the source database, or null
   * @param streamId the stream's id, for the state of a fill of new columns
   */
  public SchemaPlanner(
      SinkOptions options, Retrying committer, SourceConnector source, String streamId) {
    this.options = options;
    this.committer = committer;
    this.target = options.mapping().target().toString();
    this.source = source;
    this.backfill = new Backfill(committer, options.mapping().target().database(), streamId);
  }

  /**
   * The write plan for a schema version: reads the target table (creating it or adding columns as
   * the options say) and maps the schema's columns onto it.
   *
   * @throws SinkSchemaException if the target lacks the table or columns and the options do not let
   *     the sink create them
   */
  public WritePlan planFor(TableSchema schema) throws SinkException {
    TargetTable table =
        committer.withRetries(
            "reading the description of " + target,
            c -> TargetTable.read(c, options.mapping().target()).orElse(null));
    if (table == null) {
      table = createTarget(schema);
    }
    List<String> ddl = TargetEvolution.ddl(previous, schema, table, options, sourceColumns(schema));
    if (!ddl.isEmpty()) {
      table = alter(ddl);
    }
    Set<String> ignored = new HashSet<>();
    List<Column> missing = WritePlan.missingColumns(schema, table, options);
    if (!missing.isEmpty()) {
      boolean hadRows = hasRows();
      table = newColumns(schema, table, missing, ignored);
      List<String> added = new ArrayList<>();
      for (Column c : missing) {
        if (!ignored.contains(c.name())) {
          added.add(options.mapping().targetColumn(c.name()).orElseThrow());
        }
      }
      // a history or SCD2 table's rows are past changes and versions: the columns they lacked
      // keep NULL there, not today's values
      if (hadRows && !added.isEmpty() && options.mode() == TargetMode.MIRROR) {
        backfill.require(added);
      }
    }
    fillNewColumns(schema, table);
    previous = schema;
    WritePlan next = WritePlan.create(schema, table, options, ignored);
    LOG.info(
        "{}: schema version {} writes {} columns, {}",
        target,
        schema.version(),
        next.columns().size(),
        next.matchesImage()
            ? "rows matched on their whole before image"
            : "key " + next.key().stream().map(w -> w.target().name()).toList());
    if (next.matchesImage() && !scanWarned) {
      scanWarned = true;
      LOG.warn(
          "{} has no primary key and no unique key on NOT NULL columns: its rows are matched on"
              + " their whole before image, one at a time, so each update and delete scans the"
              + " table unless an index covers the compared columns {} (a key, or key columns"
              + " given with TableMapping.keyColumns(...) or --key-columns, avoid it)",
          target,
          next.image().stream().map(w -> w.target().name()).toList());
    }
    warnTextCutAtNul(schema, next);
    return next;
  }

  // CHAR/VARCHAR values holding a NUL arrive cut and nothing shows it: say so once per column
  private void warnTextCutAtNul(TableSchema schema, WritePlan plan) {
    List<String> streamed = new java.util.ArrayList<>();
    for (WritePlan.Written w : plan.columns()) {
      if (w.source() >= 0
          && w.reread() != WritePlan.Reread.ALWAYS
          && WritePlan.silentText(schema.column(w.source()))
          && warnedText.add(w.target().name())) {
        streamed.add(w.target().name());
      }
    }
    if (!streamed.isEmpty()) {
      LOG.warn(
          "{}: CHAR/VARCHAR columns {} are written as MaxScale sends them, which cuts a value at"
              + " its first NUL byte without a sign; give the sink a source connection to re-read"
              + " them (--source-url), or check the copy with verify",
          target,
          streamed);
    }
  }

  // The source's column names now, to confirm a rename; null without a source
  private Set<String> sourceColumns(TableSchema schema) throws SinkException {
    if (source == null || previous == null) {
      return null;
    }
    try (Connection c = source.open()) {
      return TargetTable.read(c, schema.table())
          .map(t -> t.columns().stream().map(TargetColumn::name).collect(Collectors.toSet()))
          .orElse(Set.of());
    } catch (SQLException e) {
      throw new SinkException(
          "cannot read the columns of "
              + schema.table()
              + " from the source database: "
              + e.getMessage(),
          SqlErrors.classify(e) == SqlErrors.Kind.TRANSIENT,
          e);
    }
  }

  private TargetTable alter(List<String> ddl) throws SinkException {
    return committer.withRetries(
        "altering " + target,
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
              LOG.info("{}: {}", target, statement);
              s.execute(statement);
            }
          }
          return TargetTable.read(c, options.mapping().target()).orElseThrow();
        });
  }

  private boolean hasRows() throws SinkException {
    return committer.withRetries(
        "reading " + target,
        c -> {
          try (Statement s = c.createStatement();
              java.sql.ResultSet rs =
                  s.executeQuery(
                      "SELECT 1 FROM "
                          + MariaDbDialect.table(options.mapping().target())
                          + " LIMIT 1")) {
            return rs.next();
          }
        });
  }

  /**
   * Fills the columns a fill waits for, at start (a run with a source connection after one
   * without), if the target table exists.
   */
  public void fillPending() throws SinkException {
    if (source == null || backfill.pending().isEmpty()) {
      return;
    }
    TargetTable table =
        committer.withRetries(
            "reading the description of " + target,
            c -> TargetTable.read(c, options.mapping().target()).orElse(null));
    if (table != null) {
      fill(options.mapping().source(), table);
    }
  }

  /**
   * Fills the new columns of the rows the target had when they were added, from the source; says
   * once, without a source, that they keep NULL until a run has one.
   */
  private void fillNewColumns(TableSchema schema, TargetTable table) throws SinkException {
    fill(schema.table(), table);
  }

  private void fill(io.github.maxcdc.event.TableId sourceTable, TargetTable table)
      throws SinkException {
    Optional<List<String>> pending = backfill.pending();
    if (pending.isEmpty()) {
      return;
    }
    List<String> columns = pending.get();
    if (source == null) {
      if (!fillWarned) {
        fillWarned = true;
        LOG.warn(
            "{}: the rows it held before columns {} were added keep NULL there: MaxScale never"
                + " sends them again, though the source holds values for them; run the sink once"
                + " with a source connection (--source-url) to fill them, which it does before"
                + " going on",
            target,
            columns);
      }
      return;
    }
    if (table.key().isEmpty()
        || !table.columns().stream().map(TargetColumn::name).toList().containsAll(columns)) {
      LOG.warn(
          "{}: cannot fill columns {}: the target lacks a key or the columns", target, columns);
      return;
    }
    LOG.info(
        "{}: filling columns {} of the rows it already holds, from the source", target, columns);
    backfill.run(source, sourceTable, options.mapping().target(), table.key());
  }

  private TargetTable createTarget(TableSchema schema) throws SinkException {
    if (!options.createTarget()) {
      throw new SinkSchemaException(
          "target table "
              + target
              + " does not exist: create it, or let the sink "
              + "create it from the first schema with JdbcSink.Builder.createTarget(keyColumns...)"
              + " (--create-target)",
          null);
    }
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (Column column : schema.columns()) {
      Optional<String> name = options.mapping().targetColumn(column.name());
      if (name.isPresent() && WritePlan.writes(column, options)) {
        names.add(name.get());
        types.add(ColumnTypes.sqlType(column, options.mapping()));
      }
    }
    List<String> keys = options.mapping().keyColumns();
    Optional<String> collision = ShapePlans.collision(schema, options);
    if (collision.isPresent()) {
      throw new SinkSchemaException(
          "cannot create "
              + target
              + ": source column "
              + collision.get()
              + " has the name of a column target mode "
              + options.mode().name().toLowerCase(java.util.Locale.ROOT)
              + " adds; rename the shape's columns (historyColumns, scd2Columns,"
              + " --history-columns, --scd2-columns)",
          null);
    }
    String ddl =
        options.mode() == TargetMode.MIRROR
            ? MariaDbDialect.createTable(options.mapping().target(), names, types, keys)
            : ShapePlans.createTable(options, names, types);
    LOG.info("creating the target table: {}", ddl);
    if (keys.isEmpty() && options.mode() == TargetMode.MIRROR) {
      LOG.warn(
          "{} is created without a key (no key columns were given): its rows will be matched on"
              + " their whole before image",
          target);
    }
    return committer.withRetries(
        "creating " + target,
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(ddl);
          }
          return TargetTable.read(c, options.mapping().target()).orElseThrow();
        });
  }

  private TargetTable newColumns(
      TableSchema schema, TargetTable table, List<Column> missing, Set<String> ignored)
      throws SinkException {
    List<String> names =
        missing.stream().map(c -> options.mapping().targetColumn(c.name()).orElseThrow()).toList();
    switch (options.newColumns()) {
      case IGNORE_NEW_COLUMNS:
        LOG.warn(
            "{}: not writing source columns {} of schema version {}: the target lacks them",
            target,
            names,
            schema.version());
        missing.forEach(c -> ignored.add(c.name()));
        return table;
      case ADD_COLUMNS:
        List<String> types =
            missing.stream().map(c -> ColumnTypes.sqlType(c, options.mapping())).toList();
        String ddl = MariaDbDialect.addColumns(options.mapping().target(), names, types);
        LOG.info("adding columns to the target table: {}", ddl);
        return committer.withRetries(
            "adding columns to " + target,
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute(ddl);
              }
              return TargetTable.read(c, options.mapping().target()).orElseThrow();
            });
      default:
        throw new SinkSchemaException(
            "source table "
                + schema.table()
                + " schema version "
                + schema.version()
                + " has columns that target table "
                + target
                + " lacks: "
                + String.join(", ", names)
                + "; add them to the target, or set JdbcSink.Builder.onNewColumns(ADD_COLUMNS) to have them "
                + "added, or (IGNORE_NEW_COLUMNS) to go on without them",
            null);
    }
  }
}
