package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.plan.ShapeSql;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends every change to a history table: the row image (the after image of an insert or update,
 * the before image of a delete), the kind of change, its GTID, event number and commit time.
 * Inserts only, gathered in multi-row statements of up to the plan's bound ({@link
 * ShapeSql#appendSql}); consecutive statements of one text go in one JDBC batch. A change already
 * in the table (same GTID and event number) is left as it is. Order does not matter: every change
 * is its own row. Not thread-safe.
 */
final class HistoryWriter implements ChangeWriter {
  private final ImageBinder binder;

  HistoryWriter(ImageBinder binder) {
    this.binder = binder;
  }

  @Override
  public EventWriter.Counts write(WritePlan plan, List<ChangeEvent> events)
      throws SQLException, SinkException {
    binder.start();
    List<Row> images = new ArrayList<>(events.size());
    for (ChangeEvent event : events) {
      images.add(event.row());
    }
    binder.prefetch(plan, images);
    ShapeSql shape = plan.shape();
    int max = binder.batching ? shape.maxRows() : 1;
    for (int from = 0; from < events.size(); from += max) {
      int n = Math.min(max, events.size() - from);
      PreparedStatement s = binder.batch.statement(shape.appendSql(n), 0);
      int p = 1;
      for (int i = from; i < from + n; i++) {
        p = bindChange(s, p, plan, events.get(i));
      }
      binder.batch.add(s);
    }
    binder.batch.flush();
    return binder.counts;
  }

  private int bindChange(PreparedStatement s, int p, WritePlan plan, ChangeEvent event)
      throws SQLException, SinkException {
    p = binder.bindRow(s, p, plan, event, event.row());
    s.setString(p++, event.type().jsonName());
    s.setString(p++, event.gtid().toString());
    s.setInt(p++, event.eventNumber());
    s.setObject(p++, ImageBinder.time(event));
    switch (event.type()) {
      case INSERT:
        binder.counts.inserts++;
        break;
      case UPDATE:
        binder.counts.updates++;
        break;
      default:
        binder.counts.deletes++;
        break;
    }
    return p;
  }
}
