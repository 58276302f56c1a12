package io.github.maxcdc.examples;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random but reproducible stream of changes to a table without any key, over so few values that
 * identical rows are common: transactions of 1 to 8 inserts, updates of one row and deletes of one
 * row ({@code LIMIT 1}, matching the whole row, as a table without key leaves no other way). It
 * keeps the multiset of rows any prefix of the stream leads to: the source of truth of the crash
 * test of a table without key, where a change applied twice shows as a row too many or too few.
 *
 * <p>The table: {@code a INT, b VARCHAR(20), c DECIMAL(6,2)}, each possibly NULL. Not thread-safe.
 */
final class IdenticalRowsScript {
  /** The table's definition: no key. */
  static final TableDefinition TABLE =
      TableDefinition.builder()
          .column("a", "INT")
          .column("b", "VARCHAR(20)")
          .column("c", "DECIMAL(6,2)")
          .build();

  /** The target's DDL: no key either. */
  static String ddl(String table) {
    return "CREATE TABLE " + table + " (a INT, b VARCHAR(20), c DECIMAL(6,2))";
  }

  /** A row change: {@code before} null for an insert, {@code after} null for a delete. */
  record Op(List<Object> before, List<Object> after) {}

  private final SplittableRandom random;
  private final List<List<Op>> transactions = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>(); // every change, in stream order
  private final List<Integer> transactionOfOp = new ArrayList<>();
  private final List<Integer> eventNumberOfOp = new ArrayList<>(); // of its last record

  /** Writes at least {@code changes} changes with {@code random}. */
  IdenticalRowsScript(SplittableRandom random, int changes) {
    this.random = random;
    List<List<Object>> rows = new ArrayList<>(); // while generating
    while (ops.size() < changes) {
      List<Op> tx = new ArrayList<>();
      int records = 0;
      for (int i = 1 + random.nextInt(8); i > 0; i--) {
        Op op = nextOp(rows);
        apply(rows, op);
        tx.add(op);
        records += op.before() != null && op.after() != null ? 2 : 1; // update_before and _after
        ops.add(op);
        transactionOfOp.add(transactions.size());
        eventNumberOfOp.add(records);
      }
      transactions.add(List.copyOf(tx));
    }
  }

  /** The transactions, in order. */
  List<List<Op>> transactions() {
    return transactions;
  }

  /** The number of changes of the whole script. */
  long events() {
    return ops.size();
  }

  /** The number of changes of the first {@code n} transactions. */
  long eventsOf(int n) {
    return transactions.subList(0, n).stream().mapToLong(List::size).sum();
  }

  /** The index of the transaction holding change number {@code n} (from 1). */
  int transactionOf(long n) {
    return transactionOfOp.get((int) n - 1);
  }

  /** The event number of change number {@code n} (from 1) in its transaction. */
  int eventNumberOf(long n) {
    return eventNumberOfOp.get((int) n - 1);
  }

  /** The rows after the first {@code n} changes, {@code [a, b, c]}, sorted by their text. */
  List<List<Object>> rowsAfter(long n) {
    List<List<Object>> rows = new ArrayList<>();
    ops.subList(0, (int) n).forEach(op -> apply(rows, op));
    return sorted(rows);
  }

  /** {@code rows} sorted by their text: multisets compare as lists. */
  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    return out;
  }

  private static void apply(List<List<Object>> rows, Op op) {
    if (op.before() != null && !rows.remove(op.before())) {
      throw new IllegalStateException("the script changes a row it does not have: " + op);
    }
    if (op.after() != null) {
      rows.add(op.after());
    }
  }

  /** Writes transaction {@code i} to {@code table} of {@code server}. */
  void apply(FakeMaxScale server, ScriptedTable table, int i) {
    server.transaction(tx -> transactions.get(i).forEach(op -> apply(tx, table, op)));
  }

  private static void apply(Transaction tx, ScriptedTable table, Op op) {
    int changed;
    if (op.before() == null) {
      tx.insert(table, values(op.after()));
      return;
    } else if (op.after() == null) {
      changed = tx.delete(table, values(op.before()), 1);
    } else {
      changed = tx.update(table, values(op.before()), values(op.after()), 1);
    }
    if (changed != 1) {
      throw new IllegalStateException(op + " changed " + changed + " rows; the model is wrong");
    }
  }

  private static Map<String, Object> values(List<Object> row) {
    Map<String, Object> values = new HashMap<>(); // null values allowed
    values.put("a", row.get(0));
    values.put("b", row.get(1));
    values.put("c", row.get(2));
    return values;
  }

  private Op nextOp(List<List<Object>> rows) {
    int roll = random.nextInt(100);
    if (rows.isEmpty() || roll < 45) {
      return new Op(null, newRow());
    }
    List<Object> row = rows.get(random.nextInt(rows.size()));
    if (roll < 75) {
      List<Object> after = row;
      while (after.equals(row)) { // every update changes the row
        after = new ArrayList<>(row);
        int column = random.nextInt(3);
        after.set(column, newRow().get(column));
      }
      return new Op(row, after);
    }
    return new Op(row, null);
  }

  // few values, NULLs included: identical rows are common
  private List<Object> newRow() {
    Integer a = random.nextInt(8) == 0 ? null : 1 + random.nextInt(3);
    String b = random.nextInt(6) == 0 ? null : random.nextBoolean() ? "x" : "y";
    BigDecimal c = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(3) * 50, 2);
    return Arrays.asList(a, b, c);
  }
}
