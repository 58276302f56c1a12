package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rows of one committed transaction as {@link ReplicationListener.RowChange}s, made as they are
 * iterated, with the values MaxScale's replicator hands a router ({@link ValueCodec#toReplicated}).
 * Confined to the thread that holds the scripted database's lock.
 */
final class ReplicatedRows implements Iterable<ReplicationListener.RowChange> {
  private final long domain;
  private final long serverId;
  private final long sequence;
  private final TxContext tx;
  private final ZoneId zone;
  private final Map<TableModel, ChangeSchema> schemas = new IdentityHashMap<>();

  ReplicatedRows(long domain, long serverId, long sequence, TxContext tx, ZoneId zone) {
    this.domain = domain;
    this.serverId = serverId;
    this.sequence = sequence;
    this.tx = tx;
    this.zone = zone;
  }

  /** The change of one event of the transaction, numbered from 1. */
  ReplicationListener.RowChange change(RowEvent e, int eventNumber) {
    TableModel t = e.table();
    List<ColumnDef> columns = t.columns();
    List<Object> values = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Object v = e.values()[i];
      values.add(v == null ? null : columns.get(i).type().codec().toReplicated(v, zone));
    }
    return new ReplicationListener.RowChange(
        domain,
        serverId,
        sequence,
        eventNumber,
        tx.now(),
        e.eventType(),
        t.database(),
        t.name(),
        schemas.computeIfAbsent(t, TableModel::schema),
        values);
  }

  @Override
  public Iterator<ReplicationListener.RowChange> iterator() {
    Iterator<RowEvent> events = tx.events().iterator();
    return new Iterator<>() {
      private int eventNumber;

      @Override
      public boolean hasNext() {
        return events.hasNext();
      }

      @Override
      public ReplicationListener.RowChange next() {
        return change(events.next(), ++eventNumber);
      }
    };
  }
}
