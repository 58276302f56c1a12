package io.github.maxcdc.testkit.internal.kafkacdc;

import io.github.maxcdc.testkit.internal.scripted.ReplicationListener;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MaxScale 24.02.3's KafkaCDC router over the scripted source: {@code KafkaEventHandler} of {@code
 * kafkacdc.cc} with the table bookkeeping of {@code rpl.cc} it depends on. A table gets a schema
 * record at its {@code CREATE TABLE}, and a new version with a schema record at an {@code ALTER
 * TABLE} only if the router has seen a row of its current version ({@code Table::is_open}, reset at
 * every restart: recordings {@code k2b_restart_utf8_blobs} and {@code k3_kill} have no schema
 * record for the ALTER that follows their restart); every row image is one record. Records are sent
 * in order and flushed before each call returns. Thread-safe: the public methods and the listener
 * calls synchronize on this object.
 */
public final class KafkaCdcRouter implements ReplicationListener {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCdcRouter.class);

  /**
   * The router's settings.
   *
   * @param sendSchema write schema records ({@code send_schema})
   * @param loseInvalidUtf8 write values that are not valid UTF-8 as MaxScale does (key left out, or
   *     a crash) instead of refusing their transaction
   * @param match only tables whose {@code db.table} this finds ({@code match}), or null
   * @param exclude no table whose {@code db.table} this finds ({@code exclude}), or null
   */
  public record Options(
      boolean sendSchema, boolean loseInvalidUtf8, Pattern match, Pattern exclude) {}

  /** rpl.cc's per-table state. */
  private static final class TableState {
    int version = 1;
    boolean open;
  }

  private final RecordSink sink;
  private final Options options;
  private final Map<String, TableState> tables = new HashMap<>(); // guarded by this
  private int killAfterRows = -1; // guarded by this; -1: no kill planned
  private boolean crashed; // guarded by this

  /**
   * Creates a router.
   *
   * @param sink where records go; closed by {@link #close()}
   * @param options settings
   */
  public KafkaCdcRouter(RecordSink sink, Options options) {
    this.sink = sink;
    this.options = options;
  }

  /**
   * Plans a kill during the next transaction that has rows: its first {@code rows} row records
   * reach the topic, the others are lost, then the router restarts after it.
   *
   * @param rows row records written first, 0 or more
   */
  public synchronized void killDuringNextTransaction(int rows) {
    killAfterRows = rows;
  }

  /** A clean stop and start between two transactions: nothing is lost, every table is closed. */
  public synchronized void restart() {
    tables.values().forEach(t -> t.open = false);
  }

  /**
   * Tells whether a value crashed the router; it then writes nothing more.
   *
   * @return true after a crash
   */
  public synchronized boolean hasCrashed() {
    return crashed;
  }

  @Override
  public synchronized void tableCreated(TableChange change) {
    tables.put(id(change.database(), change.table()), new TableState());
    writeSchema(change, 1);
  }

  @Override
  public synchronized void tableAltered(TableChange change) {
    TableState state = tables.get(id(change.database(), change.table()));
    if (state.open) {
      state.version++;
      state.open = false;
      writeSchema(change, state.version);
    }
  }

  private void writeSchema(TableChange change, int version) {
    if (crashed || !options.sendSchema() || !matches(change.database(), change.table())) {
      return;
    }
    send(
        sink.partitions(),
        change.time().toEpochMilli(),
        KafkaCdcRecords.schemaKey(change),
        KafkaCdcRecords.schemaValue(change, version));
    sink.flush();
  }

  @Override
  public synchronized void checkRow(RowChange row) {
    if (crashed || options.loseInvalidUtf8() || !matches(row.database(), row.table())) {
      return;
    }
    KafkaCdcRecords.Problem problem = KafkaCdcRecords.problem(row);
    if (problem != null) {
      throw new IllegalArgumentException(
          "column "
              + problem.column()
              + " of "
              + id(row.database(), row.table())
              + ": a value that is not valid UTF-8 "
              + (problem.crash()
                  ? "kills MaxScale's KafkaCDC router (BLOB, TEXT and BINARY values)"
                  : "loses its key in MaxScale's KafkaCDC records")
              + "; give valid UTF-8, or model the loss with FakeKafkaCdc.Builder.loseInvalidUtf8");
    }
  }

  @Override
  public synchronized void committed(String gtid, Iterable<RowChange> rows) {
    int limit = killAfterRows;
    killAfterRows = -1;
    int written = 0;
    int partitions = crashed ? 0 : sink.partitions(); // librdkafka's cached metadata
    for (RowChange row : rows) {
      tables.get(id(row.database(), row.table())).open = true; // the table map event opens it
      if (crashed || written == limit || !matches(row.database(), row.table())) {
        continue;
      }
      KafkaCdcRecords.Problem problem = KafkaCdcRecords.problem(row);
      if (problem != null && problem.crash()) {
        crash(gtid, row, problem);
      } else {
        byte[] key = KafkaCdcRecords.rowKey(row);
        send(partitions, row.time().toEpochMilli(), key, KafkaCdcRecords.rowValue(row));
        written++;
      }
    }
    if (limit >= 0) {
      restart();
    }
    sink.flush();
  }

  private void crash(String gtid, RowChange row, KafkaCdcRecords.Problem problem) {
    crashed = true;
    LOG.warn(
        "the fake KafkaCDC router crashed on column {} of {} in GTID {}: a value that is not"
            + " valid UTF-8 (MaxScale 24.02.3 dies on it and again after every restart);"
            + " nothing more is written to the topic",
        problem.column(),
        id(row.database(), row.table()),
        gtid);
  }

  private void send(int partitions, long timestamp, byte[] key, byte[] value) {
    sink.send(ConsistentRandomPartitioner.partition(key, partitions), timestamp, key, value);
  }

  private boolean matches(String database, String table) {
    String id = id(database, table);
    return (options.match() == null || options.match().matcher(id).find())
        && (options.exclude() == null || !options.exclude().matcher(id).find());
  }

  private static String id(String database, String table) {
    return database + "." + table;
  }

  /** Closes the sink. */
  public void close() {
    sink.close();
  }
}
