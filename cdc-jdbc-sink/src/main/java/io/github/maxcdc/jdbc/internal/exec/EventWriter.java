package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ChangeType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.convert.ValueRefusedException;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Reread;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to the target inside the caller's transaction, in stream order: an insert and an
 * update become an upsert, an update that changes the key first deletes the old key, a delete
 * deletes (or marks) the row. A run of consecutive upserts is written in multi-row upserts ({@link
 * WritePlan#upsertSql(int)}) and a run of consecutive deletes in multi-row deletes ({@link
 * WritePlan#deleteSql(int)}), each statement of the run's exact length up to the plan's bound; a
 * run ends where the other kind of change begins, so no delete passes an upsert or the reverse,
 * whatever the keys (two keys the target's collation holds equal may differ in Java). Inside a
 * statement, MariaDB applies the upserted rows in order, and deletes commute. Consecutive
 * statements of the same SQL go in one JDBC batch. Every batch result is checked.
 *
 * <p>A table without key ({@link WritePlan#matchesImage()}) has its changes written one by one in
 * stream order: an insert inserts, an update and a delete change one row equal to the before image,
 * each executed at once so that a before image matching no row is noticed: it is counted as a
 * missing row and logged with its table and position (never its values); an update then inserts its
 * after image, as an upsert of a missing key does. Not thread-safe.
 */
final class EventWriter {
  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

  /** What a write did. */
  static final class Counts {
    long inserts;
    long updates;
    long deletes;
    long batches;
    long ambiguous;
    long missingRows;
    long rereadRows;
    long goneRows;
  }

  private final StatementCache statements;
  private final AmbiguousValuePolicy ambiguous;
  private final boolean batching;
  private StatementBatch batch;
  private Counts counts;
  // a run of upserts or deletes not yet bound: its kind, changes, rows, and the mark of a run of
  // soft deletes with a timestamp (one value per statement: a new timestamp ends the run)
  private boolean runDeletes;
  private final List<ChangeEvent> runEvents = new ArrayList<>();
  private final List<Row> runRows = new ArrayList<>();
  private java.time.Instant runMark;
  private final SourceRows source; // null without a source connection
  private Map<List<String>, Object[]> reread = Map.of(); // values read from the source, by key
  private Object[] rowValues; // the source's values of the row being bound, or null

  EventWriter(
      StatementCache statements,
      AmbiguousValuePolicy ambiguous,
      boolean batching,
      SourceRows source) {
    this.statements = statements;
    this.ambiguous = ambiguous;
    this.batching = batching;
    this.source = source;
  }

  /**
   * Writes {@code events} with {@code plan}.
   *
   * @throws SinkDataException if a value cannot be written exactly (the sink's own refusal)
   * @throws SQLException if the target refused a statement
   */
  Counts write(WritePlan plan, List<ChangeEvent> events)
      throws SQLException, SinkDataException, SinkException {
    counts = new Counts();
    batch = new StatementBatch(statements, batching, counts);
    prefetch(plan, events);
    for (ChangeEvent event : events) {
      switch (event.type()) {
        case INSERT:
          upsert(plan, event, event.after());
          counts.inserts++;
          break;
        case UPDATE:
          if (plan.matchesImage()) {
            updateImage(plan, event);
          } else {
            if (!sameKey(plan, event.before(), event.after())) {
              delete(plan, event, event.before());
            }
            upsert(plan, event, event.after());
          }
          counts.updates++;
          break;
        default:
          delete(plan, event, event.before());
          counts.deletes++;
          break;
      }
    }
    flushRun(plan);
    batch.flush();
    return counts;
  }

  private static boolean sameKey(WritePlan plan, Row before, Row after) {
    return same(plan.key(), before, after);
  }

  private static boolean same(List<Written> columns, Row before, Row after) {
    for (Written column : columns) {
      if (!Objects.deepEquals(before.get(column.source()), after.get(column.source()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Updates one row equal to the before image, at once: if none is, counts and logs it and inserts
   * the after image. An update that changes no written column writes nothing.
   */
  private void updateImage(WritePlan plan, ChangeEvent event)
      throws SQLException, SinkDataException {
    if (same(plan.columns(), event.before(), event.after())) {
      return;
    }
    flushRun(plan);
    PreparedStatement s = batch.single(plan.updateSql());
    int p = bindUpsertRow(s, 1, plan, event, event.after());
    bindImage(s, p, plan, event, event.before());
    // Connector/J reports the rows matched (found rows) unless the URL sets useAffectedRows
    if (batch.execute(s) == 0) {
      missing(plan, event, "its after image is inserted");
      bindUpsert(plan, event, event.after());
    }
  }

  private int bindImage(PreparedStatement s, int p, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    for (Written column : plan.image()) {
      bind(s, p++, column, row, event);
    }
    return p;
  }

  private void missing(WritePlan plan, ChangeEvent event, String outcome) {
    counts.missingRows++;
    LOG.warn(
        "{}: the {} at {} of {} found no row equal to its before image (compared columns {}):"
            + " {}; the target differs from the source",
        plan.target(),
        event.type().jsonName(),
        event.position(),
        event.table(),
        plan.image().stream().map(w -> w.target().name()).toList(),
        outcome);
  }

  // Reads, in one query per slice of keys, the source values of every upsert that needs them.
  private void prefetch(WritePlan plan, List<ChangeEvent> events)
      throws SQLException, SinkException {
    if (!plan.rereads()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (ChangeEvent event : events) {
      if (event.type() != ChangeType.DELETE && SourceRows.needs(plan, event.after())) {
        rows.add(event.after());
      }
    }
    if (!rows.isEmpty()) {
      if (source == null) {
        throw new IllegalStateException("a plan re-reads values but the sink has no source");
      }
      reread = source.fetch(plan, rows);
    }
  }

  private void upsert(WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    if (plan.rereads() && SourceRows.needs(plan, row)) {
      Object[] values = reread.get(SourceRows.key(plan, row));
      if (values == null) {
        // The source no longer has the row: a later change of the stream deletes it or moves
        // its key, so writing it now would only write values that cannot be made exact.
        counts.goneRows++;
        return;
      }
      counts.rereadRows++;
    }
    if (batching && plan.rowsPerStatement() > 1) {
      addToRun(plan, false, event, row, null);
      return;
    }
    flushRun(plan);
    bindUpsert(plan, event, row);
  }

  /**
   * Adds a change to the run, after binding the run so far if it is of the other kind (or of
   * another soft-delete mark); binds the run once it fills a statement.
   */
  private void addToRun(
      WritePlan plan, boolean deletes, ChangeEvent event, Row row, java.time.Instant mark)
      throws SQLException, SinkDataException {
    if (!runRows.isEmpty() && (runDeletes != deletes || !Objects.equals(runMark, mark))) {
      flushRun(plan);
    }
    runDeletes = deletes;
    runMark = mark;
    runEvents.add(event);
    runRows.add(row);
    if (runRows.size() == (deletes ? plan.deletesPerStatement() : plan.rowsPerStatement())) {
      flushRun(plan);
    }
  }

  /** Binds the run in one statement of its exact length. */
  private void flushRun(WritePlan plan) throws SQLException, SinkDataException {
    int n = runRows.size();
    if (n == 0) {
      return;
    }
    if (runDeletes) {
      PreparedStatement s = batch.statement(plan.deleteSql(n), n);
      int p = bindMark(s, plan, runEvents.get(0));
      for (int r = 0; r < n; r++) {
        p = bindKey(s, p, plan, runEvents.get(r), runRows.get(r));
      }
      batch.add(s);
    } else {
      PreparedStatement s = batch.statement(plan.upsertSql(n), 0);
      int p = 1;
      for (int r = 0; r < n; r++) {
        p = bindUpsertRow(s, p, plan, runEvents.get(r), runRows.get(r));
      }
      batch.add(s);
    }
    runEvents.clear();
    runRows.clear();
  }

  private void bindUpsert(WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    if (plan.keyDeleteSql() != null) {
      deleteByKey(plan.keyDeleteSql(), plan, event, row);
    }
    PreparedStatement s = batch.statement(plan.upsertSql(), 0);
    bindUpsertRow(s, 1, plan, event, row);
    batch.add(s);
  }

  /** Binds one row of an upsert from parameter {@code p}; returns the next parameter. */
  private int bindUpsertRow(PreparedStatement s, int p, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    rowValues = plan.rereads() ? reread.get(SourceRows.key(plan, row)) : null;
    int r = 0;
    for (Written column : plan.columns()) {
      if (column.reread() != Reread.NEVER && rowValues != null) {
        bindSourceValue(s, p++, rowValues[r++]);
        continue;
      }
      if (column.reread() != Reread.NEVER) {
        r++;
      }
      bind(s, p++, column, row, event);
    }
    if (plan.softDelete() != null) {
      if (plan.deletes() instanceof DeleteMode.Flag) {
        s.setInt(p++, 0);
      } else {
        s.setObject(p++, null);
      }
    }
    return p;
  }

  private void deleteByKey(String sql, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    // a missing row is expected here: not counted
    PreparedStatement s = batch.statement(sql, 0);
    bindKey(s, 1, plan, event, row);
    batch.add(s);
  }

  private int bindKey(PreparedStatement s, int p, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    for (Written key : plan.key()) {
      bind(s, p++, key, row, event);
    }
    return p;
  }

  /** Binds the soft delete's mark, if any; returns the next parameter. */
  private static int bindMark(PreparedStatement s, WritePlan plan, ChangeEvent event)
      throws SQLException {
    if (plan.softDelete() == null) {
      return 1;
    }
    if (plan.deletes() instanceof DeleteMode.Flag) {
      s.setInt(1, 1);
    } else {
      s.setObject(1, LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC));
    }
    return 2;
  }

  private void delete(WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    if (batching && plan.deletesPerStatement() > 1) {
      // a soft delete with a timestamp marks every key of a statement with one value
      boolean stamped = plan.deletes() instanceof DeleteMode.Timestamp;
      addToRun(plan, true, event, row, stamped ? event.timestamp() : null);
      return;
    }
    flushRun(plan); // the upserts before this delete are written before it
    PreparedStatement s =
        plan.matchesImage() ? batch.single(plan.deleteSql()) : batch.statement(plan.deleteSql(), 1);
    int p = bindMark(s, plan, event);
    if (plan.matchesImage()) {
      bindImage(s, p, plan, event, row);
      if (batch.execute(s) == 0) {
        missing(plan, event, "nothing is deleted");
      }
      return;
    }
    bindKey(s, p, plan, event, row);
    batch.add(s);
  }

  private void bind(PreparedStatement s, int p, Written column, Row row, ChangeEvent event)
      throws SQLException, SinkDataException {
    int i = column.source();
    Object value = row.get(i);
    Fidelity fidelity = row.fidelity(i);
    if (fidelity == Fidelity.ZERO_DATE) {
      s.setString(
          p,
          row.schema().column(i).type() == io.github.maxcdc.event.ColumnType.DATE
              ? "0000-00-00"
              : "0000-00-00 00:00:00");
      return;
    }
    if (!fidelity.isTrustworthy()) {
      if (fidelity != Fidelity.AMBIGUOUS || ambiguous == AmbiguousValuePolicy.FAIL) {
        throw refused(
            event,
            column,
            "its value is "
                + fidelity
                + " (see the README's type table); give the sink a source connection to re-read"
                + " such values from the source (JdbcSink.Builder.source, --source-url)");
      }
      counts.ambiguous++;
    }
    if (value == null) {
      s.setObject(p, null);
      return;
    }
    try {
      column.binder().bind(s, p, value);
    } catch (ValueRefusedException e) {
      throw refused(event, column, e.getMessage());
    }
  }

  private static void bindSourceValue(PreparedStatement s, int p, Object value)
      throws SQLException {
    if (value == null) {
      s.setObject(p, null);
    } else if (value instanceof byte[] bytes) {
      s.setBytes(p, bytes);
    } else {
      s.setString(p, (String) value);
    }
  }

  private static SinkDataException refused(ChangeEvent event, Written column, String why) {
    return new SinkDataException(
        "cannot write column '"
            + column.target().name()
            + "' of the "
            + event.type().jsonName()
            + " at "
            + event.position()
            + " of "
            + event.table()
            + ": "
            + why,
        event.position(),
        column.target().name(),
        null);
  }
}
