package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.SinkException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds whole row images for the history and SCD2 writers, as the mirror does: values MaxScale
 * cannot carry or sent untrustworthy are read from the source by key, in one query per slice of
 * keys ({@link #prefetch}); ambiguous values follow the policy; a value that cannot be written
 * exactly is refused. A row the source no longer has (a later change deleted it or moved its key)
 * has its re-read columns written as NULL, never a damaged value: counted as a gone row and logged.
 * Not thread-safe.
 */
final class ImageBinder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageBinder.class);

  final StatementCache statements;
  final boolean batching;
  private final ColumnValues values;
  private final SourceRows source; // null without a source connection
  private Map<List<String>, Object[]> reread = Map.of();
  EventWriter.Counts counts;
  StatementBatch batch;
  private boolean goneLogged; // one warning per write

  ImageBinder(
      StatementCache statements,
      AmbiguousValuePolicy ambiguous,
      boolean batching,
      SourceRows source) {
    this.statements = statements;
    this.values = new ColumnValues(ambiguous);
    this.batching = batching;
    this.source = source;
  }

  /** Starts a write: new counts and statement batch. */
  void start() {
    counts = new EventWriter.Counts();
    batch = new StatementBatch(statements, batching, counts);
    goneLogged = false;
  }

  /** Reads from the source the values of {@code rows} the stream cannot give exactly. */
  void prefetch(WritePlan plan, List<Row> rows) throws SQLException, SinkException {
    reread = Map.of();
    if (!plan.rereads()) {
      return;
    }
    List<Row> needed = new ArrayList<>();
    for (Row row : rows) {
      if (SourceRows.needs(plan, row)) {
        needed.add(row);
      }
    }
    if (needed.isEmpty()) {
      return;
    }
    if (source == null) {
      throw new IllegalStateException("a plan re-reads values but the sink has no source");
    }
    reread = source.fetch(plan, needed);
  }

  /** Binds the plan's columns of {@code row} from parameter {@code p}; returns the next one. */
  int bindRow(PreparedStatement s, int p, WritePlan plan, ChangeEvent event, Row row)
      throws SQLException, SinkDataException {
    boolean needs = plan.rereads() && SourceRows.needs(plan, row);
    Object[] sourceValues = needs ? reread.get(SourceRows.key(plan, row)) : null;
    if (needs) {
      if (sourceValues == null) {
        counts.goneRows++;
      }
      if (sourceValues == null && !goneLogged) {
        goneLogged = true;
        LOG.warn(
            "{}: the {} at {} of {} has values MaxScale cannot carry exactly, and the source no"
                + " longer has its row to re-read them: written as NULL (counted in gone_rows;"
                + " further ones of this commit not logged)",
            plan.target(),
            event.type().jsonName(),
            event.position(),
            event.table());
      }
      if (sourceValues != null) {
        counts.rereadRows++;
      }
    }
    int r = 0;
    for (Written column : plan.columns()) {
      if (column.reread() == Reread.NEVER) {
        bind(s, p++, column, row, event);
        continue;
      }
      Object value = sourceValues == null ? null : sourceValues[r];
      r++;
      if (sourceValues != null) {
        ColumnValues.bindSourceValue(s, p++, value);
      } else if (needs && (column.reread() == Reread.ALWAYS || !trusted(row, column))) {
        if (column.hasStreamedValue() && column.reread() == Reread.ALWAYS) {
          bind(s, p++, column, row, event); // text whose NUL cut cannot be told: as streamed
        } else {
          s.setObject(p++, null);
        }
      } else {
        bind(s, p++, column, row, event);
      }
    }
    return p;
  }

  private static boolean trusted(Row row, Written column) {
    Fidelity f = row.fidelity(column.source());
    return f.isTrustworthy() || f == Fidelity.ZERO_DATE;
  }

  /** Binds one key column's streamed value. */
  void bind(PreparedStatement s, int p, Written column, Row row, ChangeEvent event)
      throws SQLException, SinkDataException {
    if (values.bind(s, p, column, row, event)) {
      counts.ambiguous++;
    }
  }

  /** A commit time as the DATETIME the shapes write: UTC, to the second. */
  static LocalDateTime time(ChangeEvent event) {
    return LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC);
  }
}
