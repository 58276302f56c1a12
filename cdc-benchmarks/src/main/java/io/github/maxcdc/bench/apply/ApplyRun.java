package io.github.maxcdc.bench.apply;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes applied per second into an embedded MariaDB: the {@link JdbcSink} (checkpoint in every
 * transaction) against the workshop's way and the bulk path, for an insert-heavy, an update-heavy
 * and a delete-heavy stream, in paired rounds; then the insert-heavy stream against {@code LOAD
 * DATA LOCAL INFILE} of the same rows, and appended to a history table against mirrored. Each run
 * checks the target's row count against the stream's.
 */
public final class ApplyRun {
  /** Changes of the insert-heavy stream. */
  public static final int INSERTS = 200_000;

  /** Rows present before the update- and delete-heavy streams, and changes in them. */
  public static final int MIX_ROWS = 200_000;

  /** Changes in the update- and delete-heavy streams. */
  public static final int MIX_CHANGES = 100_000;

  /** Changes the workshop's way is timed on (its rate does not depend on the count). */
  public static final int WORKSHOP_CHANGES = 10_000;

  /** Connector/J options that send a batch as one bulk command. */
  static final String BULK_PROTOCOL = "?useServerPrepStmts=true&useBulkStmts=true";

  static final String DATABASE = Target.DATABASE;
  static final String TABLE = Target.TABLE;

  private final EmbeddedMariaDb db;
  private final TableSchema schema;

  private ApplyRun(EmbeddedMariaDb db, TableSchema schema) {
    this.db = db;
    this.schema = schema;
  }

  // the sink's settings, its defaults unless -Dapply.rowsPerStatement / -Dapply.maxBatchEvents say
  // otherwise (to measure what the statement size and the commit count cost)
  static final int ROWS_PER_STATEMENT =
      Integer.getInteger("apply.rowsPerStatement", JdbcSink.Builder.DEFAULT_ROWS_PER_STATEMENT);
  static final int MAX_BATCH_EVENTS =
      Integer.getInteger("apply.maxBatchEvents", JdbcSink.Builder.DEFAULT_MAX_BATCH_EVENTS);

  /** Paired rounds per stream: each times the sink and the bulk path back to back. */
  public static final int ROUNDS = 3;

  /** Rows per transaction of LOAD DATA with a checkpoint, the sink's default batch. */
  static final int LOAD_TRANSACTION_ROWS = 1_000;

  /** Starts an embedded MariaDB, runs the three streams and prints the table. */
  public static void run() throws Exception {
    TableSchema schema = Changes.commandesSchema();
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      ApplyRun run = new ApplyRun(db, schema);
      run.sink(0, Changes.inserts(schema, 20_000), ""); // warm-up
      run.bulk(0, Changes.inserts(schema, 20_000));
      run.loadData(Changes.inserts(schema, 20_000), 0, false);
      System.out.println();
      System.out.println(
          "apply, changes/s into embedded MariaDB (sink with checkpoints vs baselines; medians of "
              + ROUNDS
              + " paired rounds, ratio = median of the per-round ratios)");
      System.out.printf(
          "%-13s %9s %12s %12s %12s %9s %15s %14s%n",
          "stream", "changes", "sink", "workshop", "bulk", "vs wksp", "vs bulk", "sink, bulk ps");
      System.out.printf(
          "sink settings: rowsPerStatement %d, maxBatchEvents %d%n",
          ROWS_PER_STATEMENT, MAX_BATCH_EVENTS);
      // -Dapply.streams=delete-heavy,... runs some of the streams only
      List<String> streams =
          List.of(
              System.getProperty(
                      "apply.streams", "insert-heavy,update-heavy,delete-heavy,load,history")
                  .split(","));
      List<ChangeEvent> inserts = Changes.inserts(schema, INSERTS);
      if (streams.contains("insert-heavy")) {
        run.scenario("insert-heavy", 0, inserts);
      }
      if (streams.contains("update-heavy")) {
        run.scenario("update-heavy", MIX_ROWS, Changes.mix(schema, MIX_ROWS, MIX_CHANGES, 80, 10));
      }
      if (streams.contains("delete-heavy")) {
        run.scenario("delete-heavy", MIX_ROWS, Changes.mix(schema, MIX_ROWS, MIX_CHANGES, 10, 80));
      }
      if (streams.contains("load")) {
        run.loadDataScenario(inserts);
      }
      if (streams.contains("history")) {
        run.historyScenario(inserts);
      }
      System.out.printf(
          "load average at the end: %.1f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private void scenario(String name, int existing, List<ChangeEvent> events) throws Exception {
    double[] sinks = new double[ROUNDS];
    double[] bulks = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      sinks[r] = sink(existing, events, "");
      bulks[r] = bulk(existing, events);
      ratios[r] = sinks[r] / bulks[r];
    }
    // the same sink with Connector/J sending each batch as one bulk command (server-side
    // prepared statements), to show how much of the gap to the bulk path is one statement per row
    double bulkProtocol = sink(existing, events, BULK_PROTOCOL);
    double workshop = workshop(existing, events.subList(0, WORKSHOP_CHANGES));
    double sink = median(sinks);
    System.out.printf(
        "%-13s %,9d %,12.0f %,12.0f %,12.0f %8.1fx %5.2fx (%.2f-%.2f) %,14.0f%n",
        name,
        events.size(),
        sink,
        workshop,
        median(bulks),
        sink / workshop,
        median(ratios),
        min(ratios),
        max(ratios),
        bulkProtocol);
  }

  // The insert-heavy stream against LOAD DATA LOCAL INFILE of the same rows: in one statement (the
  // floor), and in transactions of the sink's batch size with a checkpoint (a write path the sink
  // could take).
  private void loadDataScenario(List<ChangeEvent> inserts) throws Exception {
    double[] sinks = new double[ROUNDS];
    double[] loads = new double[ROUNDS];
    double[] loadTx = new double[ROUNDS];
    double[] staged = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    double[] txRatios = new double[ROUNDS];
    double[] stagedRatios = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      sinks[r] = sink(0, inserts, "");
      loads[r] = loadData(inserts, 0, false);
      loadTx[r] = loadData(inserts, LOAD_TRANSACTION_ROWS, false);
      staged[r] = loadData(inserts, LOAD_TRANSACTION_ROWS, true);
      ratios[r] = sinks[r] / loads[r];
      txRatios[r] = sinks[r] / loadTx[r];
      stagedRatios[r] = sinks[r] / staged[r];
    }
    System.out.println();
    System.out.printf(
        "%-13s %9s %12s %14s %15s %22s %15s%n",
        "stream",
        "changes",
        "sink",
        "LOAD DATA",
        "sink vs LOAD",
        "LOAD DATA, 1,000/tx",
        "sink vs that");
    System.out.printf(
        "%-13s %,9d %,12.0f %,14.0f %5.2fx (%.2f-%.2f) %,22.0f %5.2fx (%.2f-%.2f)%n",
        "insert-heavy",
        inserts.size(),
        median(sinks),
        median(loads),
        median(ratios),
        min(ratios),
        max(ratios),
        median(loadTx),
        median(txRatios),
        min(txRatios),
        max(txRatios));
    System.out.printf(
        "%-13s %,9d %12s %14s %15s %22s %15s%n",
        "",
        inserts.size(),
        "",
        "",
        "",
        "staged + upsert " + String.format(java.util.Locale.ROOT, "%,.0f", median(staged)),
        String.format(
            java.util.Locale.ROOT,
            "%5.2fx (%.2f-%.2f)",
            median(stagedRatios),
            min(stagedRatios),
            max(stagedRatios)));
  }

  // The insert-heavy stream appended to a history table (TargetMode.HISTORY) against the same
  // stream mirrored, back to back in each round.
  private void historyScenario(List<ChangeEvent> inserts) throws Exception {
    // and the bulk path into either table, the floor: what the wider, twice indexed rows cost the
    // server without the sink
    double[] mirrors = new double[ROUNDS];
    double[] histories = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    double[] bulks = new double[ROUNDS];
    double[] bulkHistories = new double[ROUNDS];
    double[] floors = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      mirrors[r] = sink(0, inserts, "");
      histories[r] = history(inserts);
      ratios[r] = histories[r] / mirrors[r];
      bulks[r] = bulk(0, inserts);
      bulkHistories[r] = bulkHistory(inserts);
      floors[r] = bulkHistories[r] / bulks[r];
    }
    System.out.println();
    System.out.printf(
        "%-13s %9s %12s %12s %20s %12s %14s %20s%n",
        "stream",
        "changes",
        "mirror",
        "history",
        "history vs mirror",
        "bulk",
        "bulk history",
        "bulk hist vs bulk");
    System.out.printf(
        "%-13s %,9d %,12.0f %,12.0f %9.2fx (%.2f-%.2f) %,12.0f %,14.0f %9.2fx (%.2f-%.2f)%n",
        "insert-heavy",
        inserts.size(),
        median(mirrors),
        median(histories),
        median(ratios),
        min(ratios),
        max(ratios),
        median(bulks),
        median(bulkHistories),
        median(floors),
        min(floors),
        max(floors));
  }

  private double bulkHistory(List<ChangeEvent> events) throws Exception {
    Target.createHistory(db);
    long start = System.nanoTime();
    try (Connection c = db.connect(DATABASE)) {
      Baselines.bulkHistory(c, Target.HISTORY, events);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Target.count(db, Target.HISTORY) != events.size()) {
      throw new IllegalStateException("the bulk history lacks rows");
    }
    return events.size() / seconds;
  }

  private double history(List<ChangeEvent> events) throws Exception {
    Target.createHistory(db);
    long start = System.nanoTime();
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl(Target.url(db), "root", "")
            .mapping(TableMapping.of(schema.table().toString(), Target.HISTORY).keyColumns("id"))
            .targetMode(TargetMode.HISTORY)
            .rowsPerStatement(ROWS_PER_STATEMENT)
            .maxBatchEvents(MAX_BATCH_EVENTS)
            .build()) {
      for (ChangeEvent e : events) {
        sink.onChange(e);
      }
      sink.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long found = Target.count(db, Target.HISTORY);
    if (found != events.size()) {
      throw new IllegalStateException(
          "expected " + events.size() + " rows in the history table, found " + found);
    }
    return events.size() / seconds;
  }

  private double loadData(List<ChangeEvent> inserts, int rowsPerTransaction, boolean staged)
      throws Exception {
    prepare(0);
    long start = System.nanoTime();
    try (Connection c =
        java.sql.DriverManager.getConnection(
            Target.url(db) + "?allowLocalInfile=true", "root", "")) {
      Baselines.loadData(c, TABLE, inserts, rowsPerTransaction, staged);
    }
    return rate(inserts.size(), start, 0, inserts);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double min(double[] values) {
    return java.util.Arrays.stream(values).min().orElseThrow();
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElseThrow();
  }

  private double sink(int existing, List<ChangeEvent> events, String urlOptions) throws Exception {
    prepare(existing);
    long start = System.nanoTime();
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl(Target.url(db) + urlOptions, "root", "")
            .mapping(TableMapping.of(schema.table().toString(), TABLE))
            .rowsPerStatement(ROWS_PER_STATEMENT)
            .maxBatchEvents(MAX_BATCH_EVENTS)
            .build()) {
      for (ChangeEvent e : events) {
        sink.onChange(e);
      }
      sink.flush();
    }
    return rate(events.size(), start, existing, events);
  }

  private double workshop(int existing, List<ChangeEvent> events) throws Exception {
    prepare(existing);
    long start = System.nanoTime();
    try (Connection c = db.connect(DATABASE)) {
      Baselines.workshop(c, TABLE, events);
    }
    return rate(events.size(), start, existing, events);
  }

  private double bulk(int existing, List<ChangeEvent> events) throws Exception {
    prepare(existing);
    long start = System.nanoTime();
    try (Connection c = db.connect(DATABASE)) {
      Baselines.bulk(c, TABLE, events);
    }
    return rate(events.size(), start, existing, events);
  }

  // A fresh target holding ids 1..existing.
  private void prepare(int existing) throws SQLException {
    Target.create(db);
    if (existing > 0) {
      try (Connection c = db.connect(DATABASE)) {
        Baselines.bulk(c, TABLE, Changes.inserts(schema, existing));
      }
    }
  }

  private double rate(int changes, long start, int existing, List<ChangeEvent> events)
      throws SQLException {
    double seconds = (System.nanoTime() - start) / 1e9;
    long expected = expectedRows(existing, events);
    long found = Target.count(db);
    if (found != expected) {
      throw new IllegalStateException(
          "expected " + expected + " rows in the target after the run, found " + found);
    }
    return changes / seconds;
  }

  private static long expectedRows(int existing, List<ChangeEvent> events) {
    Set<Integer> ids = new HashSet<>();
    for (int id = 1; id <= existing; id++) {
      ids.add(id);
    }
    for (ChangeEvent e : events) {
      if (e instanceof Insert i) {
        ids.add((Integer) i.after().get(0));
      } else if (e instanceof Delete d) {
        ids.remove((Integer) d.before().get(0));
      }
    }
    return ids.size();
  }
}
