package io.github.maxcdc.bench.source;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a fake MaxScale with an insert stream: {@code rows} rows in transactions of 1 to 10 rows,
 * drawn from a fixed seed.
 */
public final class Workload {
  /** The seed of every generated stream. */
  public static final long SEED = 20_240_229L;

  private Workload() {}

  /** Creates the shape's table on {@code server} and inserts {@code rows} rows (ids 1..rows). */
  public static ScriptedTable insert(FakeMaxScale server, Shapes shape, int rows) {
    return insert(server, shape, rows, true);
  }

  /**
   * Inserts {@code rows} rows (ids 1..rows) in transactions of {@code size} rows into a new table
   * without key: the fake server copies a table's rows at each transaction, so streams of 10^6 rows
   * are built in large transactions (as the 200,000-row stream of the {@code delivery-pattern}
   * traces, 20 transactions of 10,000 rows).
   */
  public static ScriptedTable insertInTransactionsOf(
      FakeMaxScale server, Shapes shape, int rows, int size) {
    server.createDatabase(shape.database());
    ScriptedTable table =
        server.createTable(shape.database(), shape.table(), shape.definitionWithoutKey());
    SplittableRandom random = new SplittableRandom(SEED);
    for (int id = 1; id <= rows; ) {
      List<Map<String, Object>> batch = new ArrayList<>(size);
      for (int i = 0; i < size && id <= rows; i++) {
        batch.add(shape.row(id++, random));
      }
      server.transaction(tx -> batch.forEach(row -> tx.insert(table, row)));
    }
    return table;
  }

  /**
   * Like {@link #insert(FakeMaxScale, Shapes, int)}; without {@code keyed}, the fake server's table
   * has no key (see {@link Shapes#definitionWithoutKey()}).
   */
  public static ScriptedTable insert(FakeMaxScale server, Shapes shape, int rows, boolean keyed) {
    server.createDatabase(shape.database());
    ScriptedTable table =
        server.createTable(
            shape.database(),
            shape.table(),
            keyed ? shape.definition() : shape.definitionWithoutKey());
    SplittableRandom random = new SplittableRandom(SEED);
    int id = 1;
    while (id <= rows) {
      int size = Math.min(rows - id + 1, 1 + random.nextInt(10));
      List<Map<String, Object>> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(shape.row(id++, random));
      }
      server.transaction(tx -> batch.forEach(row -> tx.insert(table, row)));
    }
    return table;
  }
}
