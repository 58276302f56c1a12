package io.github.maxcdc.examples;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A random but reproducible stream of changes to one table over a small key space: transactions of
 * 1 to 10 inserts, updates (some of which change the primary key) and deletes, and once, halfway, a
 * new column. It keeps its own model of the table, so that the rows any prefix of the stream leads
 * to are known without reading them back: the source of truth of the crash test.
 *
 * <p>The table: {@code id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), rev INT}, then
 * {@code note VARCHAR(20)} (NULL by default: the rows before the change stay NULL in the source as
 * in the target). Not thread-safe.
 */
final class ChangeScript {
  /** One step: a transaction of row changes, or the new column (no row change). */
  sealed interface Step permits Tx, AddColumn {}

  /** A transaction: one GTID, its changes in order. */
  record Tx(List<Op> ops) implements Step {}

  /** {@code ALTER TABLE ... ADD COLUMN note VARCHAR(20)}. */
  record AddColumn() implements Step {}

  /** A row change. */
  sealed interface Op permits Insert, Update, Delete {}

  /** Inserts {@code row}. */
  record Insert(Map<String, Object> row) implements Op {}

  /** Updates the row of {@code id} with {@code changes} (which always change something). */
  record Update(int id, Map<String, Object> changes) implements Op {}

  /** Deletes the row of {@code id}. */
  record Delete(int id) implements Op {}

  static final String NEW_COLUMN = "note";

  private final SplittableRandom random;
  private final int keys;
  private final TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>(); // while generating
  private final List<Step> steps = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>(); // every change, in stream order
  private final List<Integer> stepOfOp = new ArrayList<>();
  private final List<Integer> eventNumberOfOp = new ArrayList<>(); // of its last record
  private boolean hasNewColumn;

  /**
   * Writes {@code changes} changes (at least) over keys 1..{@code keys} with {@code random}, adding
   * the new column once half of them are written.
   */
  ChangeScript(SplittableRandom random, int keys, int changes) {
    this.random = random;
    this.keys = keys;
    while (ops.size() < changes) {
      if (!hasNewColumn && ops.size() >= changes / 2) {
        steps.add(new AddColumn());
        hasNewColumn = true;
      }
      List<Op> tx = new ArrayList<>();
      int size = 1 + random.nextInt(10);
      int records = 0;
      for (int i = 0; i < size; i++) {
        Op op = nextOp();
        apply(rows, op);
        tx.add(op);
        records += op instanceof Update ? 2 : 1; // update_before and update_after
        ops.add(op);
        stepOfOp.add(steps.size());
        eventNumberOfOp.add(records);
      }
      steps.add(new Tx(List.copyOf(tx)));
    }
  }

  /** The steps, in order. */
  List<Step> steps() {
    return steps;
  }

  /** The number of change events of the whole script (an update counts once). */
  long events() {
    return ops.size();
  }

  /** The number of change events of the first {@code n} steps. */
  long eventsOf(int n) {
    return steps.subList(0, n).stream()
        .mapToLong(s -> s instanceof Tx tx ? tx.ops().size() : 0)
        .sum();
  }

  /** The index of the step holding change number {@code n} (from 1). */
  int stepOf(long n) {
    return stepOfOp.get((int) n - 1);
  }

  /** The event number of change number {@code n} (from 1) in its transaction. */
  int eventNumberOf(long n) {
    return eventNumberOfOp.get((int) n - 1);
  }

  /**
   * The event number of the first record of change number {@code n} (from 1): that of its {@code
   * update_before} for an update.
   */
  int firstEventNumberOf(long n) {
    return eventNumberOf(n) - (ops.get((int) n - 1) instanceof Update ? 1 : 0);
  }

  /** The rows at the end, ordered by id: {@code [id, name, amount, rev, note]}. */
  List<List<Object>> expectedRows() {
    return rowsAfter(events());
  }

  /**
   * The rows after the first {@code n} changes, ordered by id: {@code [id, name, amount, rev,
   * note]}.
   */
  List<List<Object>> rowsAfter(long n) {
    TreeMap<Integer, Map<String, Object>> model = new TreeMap<>();
    ops.subList(0, (int) n).forEach(op -> apply(model, op));
    return model.values().stream()
        .map(
            r ->
                Arrays.asList(
                    r.get("id"), r.get("name"), r.get("amount"), r.get("rev"), r.get(NEW_COLUMN)))
        .toList();
  }

  private static void apply(TreeMap<Integer, Map<String, Object>> model, Op op) {
    if (op instanceof Insert insert) {
      Map<String, Object> row = new HashMap<>(insert.row()); // null values allowed
      row.putIfAbsent(NEW_COLUMN, null);
      model.put((Integer) row.get("id"), row);
    } else if (op instanceof Update update) {
      Map<String, Object> row = new HashMap<>(model.remove(update.id()));
      row.putAll(update.changes());
      model.put((Integer) row.get("id"), row);
    } else {
      model.remove(((Delete) op).id());
    }
  }

  /** Applies {@code step} to {@code table} of {@code server}. */
  static void apply(FakeMaxScale server, ScriptedTable table, Step step) {
    if (step instanceof AddColumn) {
      table.addColumn(NEW_COLUMN, "VARCHAR(20)");
      return;
    }
    server.transaction(tx -> ((Tx) step).ops().forEach(op -> apply(tx, table, op)));
  }

  private static void apply(Transaction tx, ScriptedTable table, Op op) {
    int changed;
    if (op instanceof Insert insert) {
      tx.insert(table, insert.row());
      return;
    } else if (op instanceof Update update) {
      changed = tx.update(table, Map.of("id", update.id()), update.changes());
    } else {
      changed = tx.delete(table, Map.of("id", ((Delete) op).id()));
    }
    if (changed != 1) {
      throw new IllegalStateException(op + " changed " + changed + " rows; the model is wrong");
    }
  }

  private Op nextOp() {
    int roll = random.nextInt(100);
    boolean full = rows.size() == keys;
    if (rows.isEmpty() || (roll < 30 && !full)) {
      return insert();
    }
    return roll < 75 ? update() : delete();
  }

  private Op insert() {
    Map<String, Object> row = new HashMap<>(); // null values allowed
    row.put("id", freeKey());
    row.put("name", name());
    row.put("amount", amount());
    row.put("rev", 1);
    if (hasNewColumn) {
      row.put(NEW_COLUMN, note());
    }
    return new Insert(row);
  }

  private Op update() {
    Map<String, Object> row = rows.get(existingKey());
    Map<String, Object> changes = new HashMap<>();
    changes.put("rev", (Integer) row.get("rev") + 1); // every update changes the row
    if (random.nextBoolean()) {
      changes.put("amount", amount());
    }
    if (random.nextInt(4) == 0) {
      changes.put("name", name());
    }
    if (hasNewColumn && random.nextInt(3) == 0) {
      changes.put(NEW_COLUMN, note());
    }
    if (rows.size() < keys && random.nextInt(6) == 0) {
      changes.put("id", freeKey()); // a new primary key
    }
    return new Update((Integer) row.get("id"), changes);
  }

  private Op delete() {
    return new Delete(existingKey());
  }

  private int freeKey() {
    while (true) {
      int key = 1 + random.nextInt(keys);
      if (!rows.containsKey(key)) {
        return key;
      }
    }
  }

  private int existingKey() {
    List<Integer> present = new ArrayList<>(rows.keySet());
    return present.get(random.nextInt(present.size()));
  }

  private String name() {
    return random.nextInt(5) == 0 ? null : "name-" + random.nextInt(1_000_000);
  }

  private BigDecimal amount() {
    return BigDecimal.valueOf(random.nextLong(10_000_000), 2); // up to 99999.99
  }

  private String note() {
    return random.nextInt(3) == 0 ? null : "note-" + random.nextInt(1000);
  }
}
