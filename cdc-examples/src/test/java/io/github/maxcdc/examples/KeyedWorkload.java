package io.github.maxcdc.examples;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.kafka.KafkaPublisher;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.testkit.EmbeddedKafka;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded workload on {@code shop_tx.commandes} (id, client, qty, statut), as typed events in
 * source order: transactions of 1 to 6 changes over a small key space (inserts, updates, deletes,
 * and now and then an update of the key), and the keyed topic {@code maxcdc publish} would write of
 * it (envelopes by {@link EnvelopeWriter}, a transactional producer, the schema record first).
 */
final class KeyedWorkload {
  static final TableId TABLE = TableId.parse("shop_tx.commandes");
  static final TableSchema SCHEMA =
      new TableSchema(
          TABLE,
          1,
          Gtid.parse("0-1-1"),
          List.of(
              column("id", 0, ColumnType.INT, "int", WireType.INT),
              column("client", 1, ColumnType.VARCHAR, "varchar", WireType.STRING),
              column("qty", 2, ColumnType.INT, "int", WireType.INT),
              column("statut", 3, ColumnType.VARCHAR, "varchar", WireType.STRING)),
          true);

  private KeyedWorkload() {}

  /** {@code transactions} transactions from GTID 0-1-2 on, from {@code seed}. */
  static List<ChangeEvent> events(long seed, int transactions) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, Row> rows = new LinkedHashMap<>();
    List<ChangeEvent> events = new ArrayList<>();
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    int nextId = 1;
    for (int t = 0; t < transactions; t++) {
      Gtid gtid = Gtid.of(0, 1, 2 + t);
      int event = 1;
      int changes = 1 + random.nextInt(6);
      for (int c = 0; c < changes; c++) {
        int kind = rows.isEmpty() ? 0 : random.nextInt(10);
        if (kind < 4) {
          int id = nextId++;
          Row row = row(id, "client " + id, random.nextInt(100), "NEW");
          rows.put(id, row);
          events.add(new Insert(SCHEMA, gtid, event++, at, row));
        } else {
          List<Integer> ids = new ArrayList<>(rows.keySet());
          int id = ids.get(random.nextInt(ids.size()));
          Row before = rows.get(id);
          if (kind < 8) {
            Row after = row(id, (String) before.get(1), random.nextInt(100), "PAID");
            rows.put(id, after);
            events.add(new Update(SCHEMA, gtid, event, event + 1, at, before, after));
            event += 2;
          } else if (kind < 9) {
            int moved = nextId++;
            Row after = row(moved, (String) before.get(1), (Integer) before.get(2), "MOVED");
            rows.remove(id);
            rows.put(moved, after);
            events.add(new Update(SCHEMA, gtid, event, event + 1, at, before, after));
            event += 2;
          } else {
            rows.remove(id);
            events.add(new Delete(SCHEMA, gtid, event++, at, before));
          }
        }
      }
      at = at.plusSeconds(1);
    }
    return events;
  }

  /**
   * Publishes {@code events} with {@code maxcdc publish}'s {@link KafkaPublisher} to {@code
   * PREFIX.shop_tx.commandes} ({@code partitions} partitions) and its schema to {@code
   * PREFIX.maxcdc.schemas}: Kafka transactions of whole source transactions, each record on the
   * partition of its key.
   */
  static void publish(EmbeddedKafka kafka, String prefix, int partitions, List<ChangeEvent> events)
      throws Exception {
    try (KafkaPublisher publisher =
        KafkaPublisher.builder()
            .bootstrap(kafka.bootstrapServers())
            .table(TABLE)
            .prefix(prefix)
            .partitions(partitions)
            .keyColumns(List.of("id"))
            .build()) {
      for (ChangeEvent event : events) {
        publisher.onChange(event);
      }
      publisher.flush();
    }
  }

  /** The changes a reader yields for {@code events}: updates of the key as a delete and insert. */
  static List<ChangeEvent> asRead(List<ChangeEvent> events) {
    List<ChangeEvent> read = new ArrayList<>();
    for (ChangeEvent e : events) {
      if (e instanceof Update u && !u.before().get(0).equals(u.after().get(0))) {
        read.add(new Delete(SCHEMA, u.gtid(), u.eventNumber(), u.timestamp(), u.before()));
        read.add(new Insert(SCHEMA, u.gtid(), u.afterEventNumber(), u.timestamp(), u.after()));
      } else {
        read.add(e);
      }
    }
    return read;
  }

  /** The table {@code events} leave: id to {id, client, qty, statut}, in id order. */
  static List<Map<String, Object>> finalRows(List<ChangeEvent> events) {
    Map<Integer, Map<String, Object>> rows = new java.util.TreeMap<>();
    for (ChangeEvent e : events) {
      if (e.before() != null) {
        rows.remove((Integer) e.before().get(0));
      }
      if (e.after() != null) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < SCHEMA.size(); i++) {
          row.put(SCHEMA.column(i).name(), e.after().get(i));
        }
        rows.put((Integer) e.after().get(0), row);
      }
    }
    return new ArrayList<>(rows.values());
  }

  /** The records {@code events} make: an update of the key is two. */
  static int records(List<ChangeEvent> events) {
    return asRead(events).size();
  }

  private static Row row(int id, String client, int qty, String statut) {
    Object[] values = {id, client, qty, statut};
    return Row.of(SCHEMA, values, values, null);
  }

  private static Column column(String name, int index, ColumnType type, String real, WireType w) {
    return new Column(name, index, type, real, false, w, Set.of());
  }
}
