package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import io.github.maxcdc.testkit.internal.avro.OcfFormat;
import io.github.maxcdc.testkit.internal.avro.RecordEncoder;
import io.github.maxcdc.testkit.internal.store.MemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A scripted MariaDB source seen through MaxScale's avrorouter: every statement gets a GTID (DDL
 * included), row changes become records in {@code db.table.NNNNNN.avro} files of a {@link
 * MemoryStore}, and every GTID wakes the streaming clients. Thread-safe: all methods serialize on
 * this object's monitor; the clock is read exactly once per statement or transaction (so once per
 * GTID).
 */
public final class ScriptedDatabase {
  private final long domain;
  private final long serverId;
  private final Clock clock;
  private final ZoneId zone;
  private final boolean deflate;
  private final MemoryStore store;
  private final Runnable onCommit;
  private final ReplicationListener listener;
  private final Random random = new Random();
  private final Map<String, TableModel> tables = new LinkedHashMap<>();
  private long nextSequence;
  private String lastGtid;
  private Thread transactionOwner;

  /**
   * Creates an empty source.
   *
   * @param config GTID, clock, zone and codec settings
   * @param store where files are written
   * @param onCommit called after every GTID (wakes clients)
   * @param listener told of every table change and committed row, for other routers
   */
  public ScriptedDatabase(
      Config config, MemoryStore store, Runnable onCommit, ReplicationListener listener) {
    this.domain = config.domain();
    this.serverId = config.serverId();
    this.nextSequence = config.firstSequence();
    this.clock = config.clock();
    this.zone = config.zone();
    this.deflate = config.deflate();
    this.store = store;
    this.onCommit = onCommit;
    this.listener = listener;
  }

  /**
   * Settings of the source.
   *
   * @param domain GTID domain
   * @param serverId GTID server id
   * @param firstSequence sequence of the first GTID
   * @param clock statement clock
   * @param zone MaxScale's (and the session's) time zone
   * @param deflate whether files use the deflate codec
   */
  public record Config(
      long domain, long serverId, long firstSequence, Clock clock, ZoneId zone, boolean deflate) {}

  private void checkNotInTransaction() {
    if (transactionOwner == Thread.currentThread()) {
      throw new IllegalStateException(
          "not allowed inside a transaction: MariaDB commits implicitly "
              + "before DDL, and transactions cannot be nested here");
    }
  }

  private String nextGtid() {
    String gtid =
        Long.toUnsignedString(domain)
            + "-"
            + Long.toUnsignedString(serverId)
            + "-"
            + Long.toUnsignedString(nextSequence);
    nextSequence++;
    lastGtid = gtid;
    return gtid;
  }

  /**
   * Executes a statement that only consumes a GTID, such as {@code CREATE DATABASE}.
   *
   * @return the GTID
   */
  public synchronized String otherStatement() {
    checkNotInTransaction();
    clock.instant();
    String gtid = nextGtid();
    onCommit.run();
    return gtid;
  }

  /**
   * Creates a table (one GTID). Its file only appears with its first row, as in MaxScale.
   *
   * @param database database name
   * @param name table name
   * @param columns columns
   * @param primaryKey primary key column names, possibly empty
   * @param autoIncrement the AUTO_INCREMENT column, or null
   * @return the table
   */
  public synchronized TableModel createTable(
      String database,
      String name,
      List<ColumnDef> columns,
      List<String> primaryKey,
      String autoIncrement) {
    checkNotInTransaction();
    String key = database + "." + name;
    if (tables.containsKey(key)) {
      throw new IllegalArgumentException("table " + key + " already exists");
    }
    TableModel.checkAvroNames(columns);
    Instant now = clock.instant();
    TableModel created =
        new TableModel(database, name, columns, primaryKey, autoIncrement, nextGtid());
    tables.put(key, created);
    onCommit.run();
    listener.tableCreated(change(created, now));
    return created;
  }

  /**
   * Adds a row to {@code table} without a GTID and without streaming it: a row older than
   * MaxScale's files, or written with {@code sql_log_bin = 0}.
   */
  public synchronized void seed(TableModel table, Map<String, ?> row) {
    checkNotInTransaction();
    table.addRow(table.newRow(row, clock.instant(), zone));
  }

  /**
   * Executes an {@code ALTER TABLE}: one GTID, and a new version if the current one has a file. If
   * a clause fails, the table is left as it was and no GTID is used (MariaDB does not log a failed
   * ALTER).
   *
   * @param table the table
   * @param clauses applies the statement's clauses, in order
   * @throws IllegalArgumentException if a clause or the resulting table is invalid
   */
  public synchronized void alter(TableModel table, Consumer<TableAlteration> clauses) {
    checkNotInTransaction();
    Instant now = clock.instant();
    TableAlteration a = table.alteration(now, zone);
    clauses.accept(a);
    table.alter(a, peekGtid());
    nextGtid();
    onCommit.run();
    listener.tableAltered(change(table, now));
  }

  private ReplicationListener.TableChange change(TableModel t, Instant now) {
    return new ReplicationListener.TableChange(t.database(), t.name(), lastGtid, now, t.schema());
  }

  private String peekGtid() {
    return Long.toUnsignedString(domain)
        + "-"
        + Long.toUnsignedString(serverId)
        + "-"
        + Long.toUnsignedString(nextSequence);
  }

  /**
   * Runs a transaction: one GTID if it changed at least one row, none otherwise (MariaDB does not
   * log empty transactions). If {@code work} throws, or the listener refuses a row, every change is
   * rolled back and the exception propagates. The listener hears of the commit last: what it throws
   * then propagates, but the transaction stays committed.
   *
   * @param work the statements
   */
  public synchronized void transaction(Consumer<TxContext> work) {
    checkNotInTransaction();
    TxContext tx = new TxContext(clock.instant(), zone);
    transactionOwner = Thread.currentThread();
    ReplicatedRows committed;
    try {
      work.accept(tx);
      committed = commit(tx);
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      transactionOwner = null;
    }
    if (committed != null) {
      listener.committed(lastGtid, committed);
    }
  }

  // Encodes record by record into each table's blocks, so that no list of encoded records is held;
  // nothing is written (and no GTID used) unless every record fits and the listener accepts it.
  private ReplicatedRows commit(TxContext tx) {
    if (tx.events().isEmpty()) {
      return null;
    }
    long sequence = nextSequence;
    Map<TableModel, AvroTableFile.BlockWriter> perTable = new LinkedHashMap<>();
    int eventNumber = 0;
    ReplicatedRows replicated = new ReplicatedRows(domain, serverId, sequence, tx, zone);
    boolean listening = listener != ReplicationListener.NONE;
    for (RowEvent e : tx.events()) {
      RecordEncoder.Header header =
          new RecordEncoder.Header(
              domain, serverId, sequence, ++eventNumber, tx.now().getEpochSecond(), e.eventType());
      perTable
          .computeIfAbsent(e.table(), this::newTransaction)
          .add(RecordEncoder.encode(header, avroValues(e)));
      if (listening) {
        listener.checkRow(replicated.change(e, eventNumber));
      }
    }
    nextGtid();
    perTable.forEach((t, blocks) -> fileOf(t, blocks.sync()).append(blocks));
    onCommit.run();
    return replicated;
  }

  private List<Object> avroValues(RowEvent e) {
    List<ColumnDef> columns = e.table().columns();
    List<Object> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Object v = e.values()[i];
      out.add(v == null ? null : columns.get(i).type().codec().toAvro(v, zone));
    }
    return out;
  }

  // A table's first rows choose the sync marker of the file they will create on commit.
  private AvroTableFile.BlockWriter newTransaction(TableModel t) {
    if (t.file() != null) {
      return t.file().newTransaction();
    }
    byte[] sync = new byte[OcfFormat.SYNC_SIZE];
    random.nextBytes(sync);
    return new AvroTableFile.BlockWriter(deflate, sync);
  }

  private AvroTableFile fileOf(TableModel t, byte[] sync) {
    if (t.file() == null) {
      ChangeSchema schema = t.schema();
      String base = String.format(Locale.ROOT, "%s.%s.%06d", t.database(), t.name(), t.version());
      t.setFile(
          new AvroTableFile(
              store,
              base,
              schema,
              schema.avsc(t.database(), t.name(), t.version(), t.versionGtid()),
              deflate,
              sync));
    }
    return t.file();
  }

  /**
   * Returns the last GTID, like MaxScale's {@code current_gtid.txt}.
   *
   * @return the GTID, or empty before the first statement
   */
  public synchronized Optional<String> lastGtid() {
    return Optional.ofNullable(lastGtid);
  }
}
