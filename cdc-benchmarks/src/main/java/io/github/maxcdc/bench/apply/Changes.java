package io.github.maxcdc.bench.apply;

import io.github.maxcdc.bench.decode.DecodeInput;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.position.Gtid;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change streams of {@code shop_tx.commandes} for the apply benchmarks, built in memory as the
 * client delivers them (schema and value types taken from a stream the fake MaxScale served), in
 * transactions of 1 to 10 changes.
 */
public final class Changes {
  private static final String[] STATUTS = {"NOUVELLE", "PAYEE", "EXPEDIEE", "LIVREE"};

  private final TableSchema schema;
  private final SplittableRandom random = new SplittableRandom(Workload.SEED);
  private final List<ChangeEvent> events = new ArrayList<>();
  private long sequence = 100;
  private int eventNumber;
  private int left;

  private Changes(TableSchema schema) {
    this.schema = schema;
  }

  /** The schema of {@code shop_tx.commandes} as the client reads it from the JSON stream. */
  public static TableSchema commandesSchema() {
    DecodeInput input = DecodeInput.capture(Shapes.COMMANDES, 1);
    List<ChangeEvent> first = new ArrayList<>();
    try {
      input.decodeJson(first::add);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return first.get(0).schema();
  }

  /** {@code count} inserts of ids 1..count. */
  public static List<ChangeEvent> inserts(TableSchema schema, int count) {
    Changes c = new Changes(schema);
    for (int id = 1; id <= count; id++) {
      c.add(id, Kind.INSERT);
    }
    return c.events;
  }

  /**
   * {@code count} changes on a table holding ids 1..existing: {@code updatePercent}% updates and
   * {@code deletePercent}% deletes of existing rows (each row deleted at most once, updates only of
   * rows still there), the rest inserts of new ids.
   */
  public static List<ChangeEvent> mix(
      TableSchema schema, int existing, int count, int updatePercent, int deletePercent) {
    Changes c = new Changes(schema);
    List<Integer> alive = new ArrayList<>(existing);
    for (int id = 1; id <= existing; id++) {
      alive.add(id);
    }
    int nextId = existing + 1;
    for (int i = 0; i < count; i++) {
      int roll = c.random.nextInt(100);
      if (roll < updatePercent && !alive.isEmpty()) {
        c.add(alive.get(c.random.nextInt(alive.size())), Kind.UPDATE);
      } else if (roll < updatePercent + deletePercent && !alive.isEmpty()) {
        int at = c.random.nextInt(alive.size());
        int id = alive.get(at);
        alive.set(at, alive.get(alive.size() - 1));
        alive.remove(alive.size() - 1);
        c.add(id, Kind.DELETE);
      } else {
        alive.add(nextId);
        c.add(nextId++, Kind.INSERT);
      }
    }
    return c.events;
  }

  /** The row with key {@code id} in its {@code version}-th state. */
  public static Row row(TableSchema schema, int id, int version) {
    Object[] values = {
      id,
      "Client " + id,
      BigDecimal.valueOf(id * 37L % 1_000_000 + version, 2),
      STATUTS[(id + version) % STATUTS.length],
      Instant.ofEpochSecond(1_700_000_000L + id)
    };
    return Row.of(schema, values, values, null);
  }

  private enum Kind {
    INSERT,
    UPDATE,
    DELETE
  }

  private void add(int id, Kind kind) {
    if (left == 0) {
      left = 1 + random.nextInt(10);
      sequence++;
      eventNumber = 0;
    }
    left--;
    Gtid gtid = Gtid.of(0, 1, sequence);
    Instant at = Instant.ofEpochSecond(1_700_000_000L + sequence);
    switch (kind) {
      case INSERT -> events.add(new Insert(schema, gtid, ++eventNumber, at, row(schema, id, 0)));
      case DELETE -> events.add(new Delete(schema, gtid, ++eventNumber, at, row(schema, id, 0)));
      case UPDATE -> {
        int before = ++eventNumber;
        int after = ++eventNumber;
        events.add(
            new Update(
                schema,
                gtid,
                before,
                after,
                at,
                row(schema, id, 0),
                row(schema, id, (int) sequence)));
      }
    }
  }
}
