package io.github.maxcdc.bench.apply;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes applied per second into an embedded MariaDB: the {@link JdbcSink} (checkpoint in every
 * transaction) against the workshop's way and the bulk path, for an insert-heavy, an update-heavy
 * and a delete-heavy stream. Each run checks the target's row count against the stream's.
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

  /** Starts an embedded MariaDB, runs the three streams and prints the table. */
  public static void run() throws Exception {
    TableSchema schema = Changes.commandesSchema();
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      ApplyRun run = new ApplyRun(db, schema);
      run.sink(0, Changes.inserts(schema, 20_000), ""); // warm-up
      run.bulk(0, Changes.inserts(schema, 20_000));
      System.out.println();
      System.out.println(
          "apply, changes/s into embedded MariaDB (sink with checkpoints vs baselines)");
      System.out.printf(
          "%-13s %9s %12s %12s %12s %9s %9s %14s%n",
          "stream", "changes", "sink", "workshop", "bulk", "vs wksp", "vs bulk", "sink, bulk ps");
      run.scenario("insert-heavy", 0, Changes.inserts(schema, INSERTS));
      run.scenario("update-heavy", MIX_ROWS, Changes.mix(schema, MIX_ROWS, MIX_CHANGES, 80, 10));
      run.scenario("delete-heavy", MIX_ROWS, Changes.mix(schema, MIX_ROWS, MIX_CHANGES, 10, 80));
    }
  }

  private void scenario(String name, int existing, List<ChangeEvent> events) throws Exception {
    double sink = sink(existing, events, "");
    // the same sink with Connector/J sending each batch as one bulk command (server-side
    // prepared statements), to show how much of the gap to the bulk path is one statement per row
    double bulkProtocol = sink(existing, events, BULK_PROTOCOL);
    double workshop = workshop(existing, events.subList(0, WORKSHOP_CHANGES));
    double bulk = bulk(existing, events);
    System.out.printf(
        "%-13s %,9d %,12.0f %,12.0f %,12.0f %8.1fx %8.2fx %,14.0f%n",
        name, events.size(), sink, workshop, bulk, sink / workshop, sink / bulk, bulkProtocol);
  }

  private double sink(int existing, List<ChangeEvent> events, String urlOptions) throws Exception {
    prepare(existing);
    long start = System.nanoTime();
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl(Target.url(db) + urlOptions, "root", "")
            .mapping(TableMapping.of(schema.table().toString(), TABLE))
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
