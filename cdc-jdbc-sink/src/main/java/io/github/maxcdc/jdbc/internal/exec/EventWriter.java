package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ChangeType;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Reread;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
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
 * deletes (or marks) the row. Upserts are gathered in a run written as multi-row upserts ({@link
 * WritePlan#upsertSql(int)}), deletes in a run written as multi-row deletes ({@link
 * WritePlan#deleteSql(int)}), each statement of the run's exact length up to the plan's bound.
 * Per-key order is kept: a change whose key may equal one in the other run binds that run first
 * ({@link Run}: with integer keys the runs grow side by side while their keys differ; with other
 * keys, which the target's collation may hold equal where Java does not, a run ends where a change
 * of the other kind begins). Inside a statement MariaDB applies the upserted rows in order, and
 * deletes commute. Consecutive statements of the same SQL go in one JDBC batch. Every batch result
 * is checked.
 *
 * <p>A table without key ({@link WritePlan#matchesImage()}) has its changes written one by one in
 * stream order: an insert inserts, an update and a delete change one row equal to the before image,
 * each executed at once so that a before image matching no row is noticed: it is counted as a
 * missing row and logged with its table and position (never its values); an update then inserts its
 * after image, as an upsert of a missing key does. Not thread-safe.
 */
final class EventWriter implements ChangeWriter {
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
  private final ColumnValues values;
  private final boolean batching;
  private StatementBatch batch;
  private Counts counts;
  private final Run upserts = new Run(); // the upserts not yet bound
  private final Run deletes = new Run(); // the deletes not yet bound, keys disjoint from upserts'
  private final SourceRows source; // null without a source connection
  private Map<List<String>, Object[]> reread = Map.of(); // values read from the source, by key
  private Object[] rowValues; // the source's values of the row being bound, or null

  EventWriter(
      StatementCache statements,
      AmbiguousValuePolicy ambiguous,
      boolean batching,
      SourceRows source) {
    this.statements = statements;
    this.values = new ColumnValues(ambiguous);
    this.batching = batching;
    this.source = source;
  }

  /**
   * Writes {@code events} with {@code plan}.
   *
   * @throws SinkDataException if a value cannot be written exactly (the sink's own refusal)
   * @throws SQLException if the target refused a statement
   */
  @Override
  public Counts write(WritePlan plan, List<ChangeEvent> events)
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
    flushRuns(plan);
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
    flushRuns(plan);
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
      List<Object> key = Run.exactKey(plan, row);
      if (deletes.conflicts(key)) {
        bindDeletes(plan);
      }
      upserts.add(event, row, key, null);
      if (upserts.size() == plan.rowsPerStatement()) {
        flushRuns(plan);
      }
      return;
    }
    flushRuns(plan);
    bindUpsert(plan, event, row);
  }

  /**
   * Binds both runs, the deletes first: their keys differ, and a delete written before upserts of
   * other keys that came before it only frees rows, while an upsert written before a delete that
   * came before it could collide with the deleted row on another unique key of the target. Every
   * binding of upserts goes through here.
   */
  private void flushRuns(WritePlan plan) throws SQLException, SinkDataException {
    bindDeletes(plan);
    bindUpserts(plan);
  }

  /** Binds the run of upserts in one statement of its exact length. */
  private void bindUpserts(WritePlan plan) throws SQLException, SinkDataException {
    int n = upserts.size();
    if (n == 0) {
      return;
    }
    PreparedStatement s = batch.statement(plan.upsertSql(n), 0);
    int p = 1;
    for (int r = 0; r < n; r++) {
      p = bindUpsertRow(s, p, plan, upserts.events.get(r), upserts.rows.get(r));
    }
    batch.add(s);
    upserts.clear();
  }

  /** Binds the run of deletes in one statement of its exact length. */
  private void bindDeletes(WritePlan plan) throws SQLException, SinkDataException {
    int n = deletes.size();
    if (n == 0) {
      return;
    }
    PreparedStatement s = batch.statement(plan.deleteSql(n), n);
    int p = bindMark(s, plan, deletes.events.get(0));
    for (int r = 0; r < n; r++) {
      p = bindKey(s, p, plan, deletes.events.get(r), deletes.rows.get(r));
    }
    batch.add(s);
    deletes.clear();
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
        ColumnValues.bindSourceValue(s, p++, rowValues[r++]);
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
      List<Object> key = Run.exactKey(plan, row);
      if (upserts.conflicts(key)) {
        flushRuns(plan); // the upserts of the key before this delete are written before it
      }
      // a soft delete with a timestamp marks every key of a statement with one value
      Instant mark = plan.deletes() instanceof DeleteMode.Timestamp ? event.timestamp() : null;
      if (!deletes.isEmpty() && !Objects.equals(deletes.mark(), mark)) {
        bindDeletes(plan);
      }
      deletes.add(event, row, key, mark);
      if (deletes.size() == plan.deletesPerStatement()) {
        bindDeletes(plan);
      }
      return;
    }
    flushRuns(plan); // the upserts before this delete are written before it
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
    if (values.bind(s, p, column, row, event)) {
      counts.ambiguous++;
    }
  }
}
