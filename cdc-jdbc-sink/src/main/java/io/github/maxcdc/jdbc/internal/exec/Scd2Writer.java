package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ChangeType;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.plan.ShapeSql;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes changes to an SCD2 table, one row per version of a source row, at the change's commit time
 * T:
 *
 * <ul>
 *   <li>an insert, or an update keeping its key: closes the key's current version ({@code valid_to
 *       = T, current = 0}) unless it was opened at T, then opens the version from T, overwriting
 *       one opened at T: the last image of an instant wins, no version is of no length and no key
 *       is given twice;
 *   <li>a delete: closes the current version, or removes it if it was opened at T;
 *   <li>an update changing the key: the delete of the old key, then the insert of the new one.
 * </ul>
 *
 * <p>Changes of distinct keys commute, so a run of changes whose keys all differ ({@link
 * Run#exactKey}: integer keys compared exactly; another key ends the run) is written as one batch
 * of closes, one of removals, then multi-row opens. Not thread-safe.
 */
final class Scd2Writer implements ChangeWriter {
  private final ImageBinder binder;
  private final List<ChangeEvent> closes = new ArrayList<>();
  private final List<Row> closeRows = new ArrayList<>();
  private final List<ChangeEvent> drops = new ArrayList<>();
  private final List<Row> dropRows = new ArrayList<>();
  private final List<ChangeEvent> opens = new ArrayList<>();
  private final Set<List<Object>> keys = new HashSet<>();
  private int changes; // in the run
  private boolean inexact; // a key of the run cannot be compared exactly

  Scd2Writer(ImageBinder binder) {
    this.binder = binder;
  }

  @Override
  public EventWriter.Counts write(WritePlan plan, List<ChangeEvent> events)
      throws SQLException, SinkException {
    binder.start();
    List<Row> images = new ArrayList<>();
    for (ChangeEvent event : events) {
      if (event.type() != ChangeType.DELETE) {
        images.add(event.after());
      }
    }
    binder.prefetch(plan, images);
    int max = binder.batching ? plan.shape().maxRows() : 1;
    for (ChangeEvent event : events) {
      List<Row> touched = new ArrayList<>(2);
      if (event.before() != null) {
        touched.add(event.before());
      }
      if (event.after() != null
          && (event.before() == null || !sameKey(plan, event.before(), event.after()))) {
        touched.add(event.after());
      }
      if (conflicts(plan, touched)) {
        flush(plan);
      }
      for (Row row : touched) {
        List<Object> key = Run.exactKey(plan, row);
        if (key == null) {
          inexact = true;
        } else {
          keys.add(key);
        }
      }
      add(plan, event);
      if (++changes >= max) {
        flush(plan);
      }
    }
    flush(plan);
    binder.batch.flush();
    return binder.counts;
  }

  private void add(WritePlan plan, ChangeEvent event) {
    switch (event.type()) {
      case INSERT:
        close(event, event.after());
        opens.add(event);
        binder.counts.inserts++;
        break;
      case UPDATE:
        if (!sameKey(plan, event.before(), event.after())) {
          close(event, event.before());
          drop(event, event.before());
        }
        close(event, event.after());
        opens.add(event);
        binder.counts.updates++;
        break;
      default:
        close(event, event.before());
        drop(event, event.before());
        binder.counts.deletes++;
        break;
    }
  }

  private void close(ChangeEvent event, Row row) {
    closes.add(event);
    closeRows.add(row);
  }

  private void drop(ChangeEvent event, Row row) {
    drops.add(event);
    dropRows.add(row);
  }

  private boolean conflicts(WritePlan plan, List<Row> touched) {
    if (changes == 0) {
      return false;
    }
    if (inexact) {
      return true;
    }
    for (Row row : touched) {
      List<Object> key = Run.exactKey(plan, row);
      if (key == null || keys.contains(key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameKey(WritePlan plan, Row before, Row after) {
    for (Written column : plan.key()) {
      if (!Objects.deepEquals(before.get(column.source()), after.get(column.source()))) {
        return false;
      }
    }
    return true;
  }

  // Closes, then removals, then opens: each key appears in one change of the run.
  private void flush(WritePlan plan) throws SQLException, SinkException {
    ShapeSql shape = plan.shape();
    for (int i = 0; i < closes.size(); i++) {
      ChangeEvent event = closes.get(i);
      PreparedStatement s = binder.batch.statement(shape.closeSql(), 0);
      s.setObject(1, ImageBinder.time(event));
      int p = bindKey(s, 2, plan, event, closeRows.get(i));
      s.setObject(p, ImageBinder.time(event));
      binder.batch.add(s);
    }
    for (int i = 0; i < drops.size(); i++) {
      ChangeEvent event = drops.get(i);
      PreparedStatement s = binder.batch.statement(shape.dropSql(), 0);
      int p = bindKey(s, 1, plan, event, dropRows.get(i));
      s.setObject(p, ImageBinder.time(event));
      binder.batch.add(s);
    }
    if (!opens.isEmpty()) {
      PreparedStatement s = binder.batch.statement(shape.openSql(opens.size()), 0);
      int p = 1;
      for (ChangeEvent event : opens) {
        p = binder.bindRow(s, p, plan, event, event.after());
        s.setObject(p++, ImageBinder.time(event));
        s.setObject(p++, shape.scd2().openEnd());
        s.setInt(p++, 1);
      }
      binder.batch.add(s);
    }
    closes.clear();
    closeRows.clear();
    drops.clear();
    dropRows.clear();
    opens.clear();
    keys.clear();
    inexact = false;
    changes = 0;
  }

  private int bindKey(PreparedStatement s, int p, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkException {
    for (Written key : plan.key()) {
      binder.bind(s, p++, key, row, event);
    }
    return p;
  }
}
