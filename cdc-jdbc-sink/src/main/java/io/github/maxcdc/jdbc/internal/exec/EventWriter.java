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
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes events to the target inside the caller's transaction, in stream order: an insert and an
 * update become an upsert, an update that changes the key first deletes the old key, a delete
 * deletes (or marks) the row. Consecutive statements of the same SQL go in one JDBC batch, and a
 * run of consecutive upserts goes in multi-row upserts ({@link WritePlan#multiRowUpsertSql()}), so
 * the order of the operations, and per key, is kept. Every batch result is checked. Not
 * thread-safe.
 */
final class EventWriter {
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
  private PreparedStatement pending;
  private String pendingSql;
  private int pendingCount;
  private boolean pendingIsDelete;
  private Counts counts;
  private final List<ChangeEvent> runEvents = new ArrayList<>(); // a run of upserts not yet bound
  private final List<Row> runRows = new ArrayList<>();
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
    prefetch(plan, events);
    for (ChangeEvent event : events) {
      switch (event.type()) {
        case INSERT:
          upsert(plan, event, event.after());
          counts.inserts++;
          break;
        case UPDATE:
          if (!sameKey(plan, event.before(), event.after())) {
            delete(plan, event, event.before());
          }
          upsert(plan, event, event.after());
          counts.updates++;
          break;
        default:
          delete(plan, event, event.before());
          counts.deletes++;
          break;
      }
    }
    flushRun(plan);
    flush();
    return counts;
  }

  private static boolean sameKey(WritePlan plan, Row before, Row after) {
    for (Written key : plan.key()) {
      if (!Objects.deepEquals(before.get(key.source()), after.get(key.source()))) {
        return false;
      }
    }
    return true;
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
    if (batching && plan.multiRowUpsertSql() != null) {
      runEvents.add(event);
      runRows.add(row);
      if (runRows.size() == plan.rowsPerStatement()) {
        flushRun(plan);
      }
      return;
    }
    bindUpsert(plan, event, row);
  }

  /** Binds the run of upserts: in multi-row statements while it fills one, then row by row. */
  private void flushRun(WritePlan plan) throws SQLException, SinkDataException {
    if (runRows.isEmpty()) {
      return;
    }
    if (runRows.size() == plan.rowsPerStatement()) {
      PreparedStatement s = statement(plan.multiRowUpsertSql(), false);
      int p = 1;
      for (int r = 0; r < runRows.size(); r++) {
        p = bindUpsertRow(s, p, plan, runEvents.get(r), runRows.get(r));
      }
      add(s);
    } else {
      for (int r = 0; r < runRows.size(); r++) {
        bindUpsert(plan, runEvents.get(r), runRows.get(r));
      }
    }
    runEvents.clear();
    runRows.clear();
  }

  private void bindUpsert(WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    if (plan.keyDeleteSql() != null) {
      deleteByKey(plan.keyDeleteSql(), plan, event, row);
    }
    PreparedStatement s = statement(plan.upsertSql(), false);
    bindUpsertRow(s, 1, plan, event, row);
    add(s);
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
    PreparedStatement s = statement(sql, false); // a missing row is expected here: not counted
    int p = 1;
    for (Written key : plan.key()) {
      bind(s, p++, key, row, event);
    }
    add(s);
  }

  private void delete(WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    flushRun(plan); // the upserts before this delete are written before it
    PreparedStatement s = statement(plan.deleteSql(), true);
    int p = 1;
    if (plan.softDelete() != null) {
      if (plan.deletes() instanceof DeleteMode.Flag) {
        s.setInt(p++, 1);
      } else {
        s.setObject(p++, LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC));
      }
    }
    for (Written key : plan.key()) {
      bind(s, p++, key, row, event);
    }
    add(s);
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

  private PreparedStatement statement(String sql, boolean isDelete) throws SQLException {
    if (!sql.equals(pendingSql)) {
      flush();
      pending = statements.get(sql);
      pendingSql = sql;
      pendingIsDelete = isDelete;
    }
    return pending;
  }

  private void add(PreparedStatement s) throws SQLException {
    if (batching) {
      s.addBatch();
      pendingCount++;
    } else {
      check(new int[] {s.executeUpdate()});
      counts.batches++;
    }
  }

  private void flush() throws SQLException {
    if (pending != null && pendingCount > 0) {
      int[] results = pending.executeBatch();
      counts.batches++;
      if (results.length != pendingCount) {
        throw new SQLException(
            "the target answered "
                + results.length
                + " results for a batch of "
                + pendingCount
                + " statements");
      }
      check(results);
    }
    pendingCount = 0;
    pendingSql = null;
    pending = null;
  }

  private void check(int[] results) throws SQLException {
    for (int result : results) {
      if (result == Statement.EXECUTE_FAILED) {
        throw new SQLException("a statement of the batch failed: " + pendingSql);
      }
      if (result == 0 && pendingIsDelete) {
        counts.missingRows++;
      }
    }
  }
}
