package io.github.maxcdc.jdbc.internal.verify;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.VerifyResult;
import io.github.maxcdc.jdbc.internal.snapshot.SourceSnapshot;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.source.SourceTable;
import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import io.github.maxcdc.jdbc.internal.verify.Side.Keyed;
import io.github.maxcdc.position.Gtid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One verification: checksums of key ranges computed on both servers at once, rows compared by key
 * hash inside the ranges that differ, then the differences re-checked while a running stream may
 * still be bringing them (see {@link #settle}). Not thread-safe; runs the target's queries on one
 * helper thread of its own.
 */
public final class Comparison {
  /** Most differing keys re-checked while the stream settles. */
  static final int RECHECK_LIMIT = 10_000;

  /** Settings of a comparison. */
  public record Settings(
      SourceConnector source,
      String sourceDescription,
      SourceConnector target,
      String targetDescription,
      TableId sourceTable,
      TableId targetTable,
      Set<String> excluded,
      int chunkRows,
      int maxReported,
      TableId checkpointTable,
      String streamId,
      Duration settleTimeout,
      ConnectionFactory targetWriter) {}

  private enum Kind {
    MISSING,
    EXTRA,
    DIFFERENT
  }

  private final Settings settings;
  private final Map<String, List<Object>> keys = new LinkedHashMap<>(); // held for re-checks
  private final Map<String, Kind> found = new LinkedHashMap<>();
  private long overflow; // differences beyond RECHECK_LIMIT, by kind counted below
  private final long[] overflowByKind = new long[3];
  private final List<List<List<Object>>> differingRanges = new ArrayList<>(); // (lo, hi] pairs
  private boolean repair;
  private long written;
  private long deleted;

  /** A comparison with {@code settings}. */
  public Comparison(Settings settings) {
    this.settings = settings;
  }

  /** Runs it. */
  public VerifyResult run() throws SinkException {
    return run(false);
  }

  /**
   * Runs it, then, if the tables differ, makes every differing key range of the target what the
   * source holds (see {@link RangeRepair}); {@link #written()} and {@link #deleted()} tell what it
   * did. The result is the comparison before the repair.
   */
  public VerifyResult runAndRepair() throws SinkException {
    return run(true);
  }

  /** Rows the repair wrote. */
  public long written() {
    return written;
  }

  /** Rows the repair deleted. */
  public long deleted() {
    return deleted;
  }

  private VerifyResult run(boolean repairing) throws SinkException {
    this.repair = repairing;
    long started = System.nanoTime();
    ExecutorService targetThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "maxcdc-verify-target");
              t.setDaemon(true);
              return t;
            });
    try (Connection s = open(settings.source(), settings.sourceDescription());
        Connection t = open(settings.target(), settings.targetDescription())) {
      SourceTable table = SourceTable.read(s, settings.sourceTable());
      TargetTable target =
          TargetTable.read(t, settings.targetTable())
              .orElseThrow(
                  () ->
                      new SinkSchemaException(
                          "target table " + settings.targetTable() + " does not exist", null));
      List<TargetColumn> compared = new ArrayList<>();
      List<String> targetNames = new ArrayList<>();
      List<String> lacking = new ArrayList<>();
      for (TargetColumn c : table.columns()) {
        if (settings.excluded().contains(c.name().toLowerCase(Locale.ROOT))) {
          continue;
        }
        target
            .column(c.name())
            .ifPresentOrElse(
                tc -> {
                  compared.add(c);
                  targetNames.add(tc.name());
                },
                () -> lacking.add(c.name()));
      }
      if (!lacking.isEmpty()) {
        throw target.lacks(table.id(), lacking, "exclude them from the comparison to go on");
      }
      List<String> sourceKeys = table.keyNames();
      List<String> targetKeys =
          sourceKeys.stream().map(k -> target.column(k).orElseThrow().name()).toList();
      List<Boolean> binary = table.key().stream().map(SourceSnapshot::isBinary).toList();
      List<Boolean> numeric = table.key().stream().map(SourceSnapshot::isNumeric).toList();
      List<String> names = compared.stream().map(TargetColumn::name).toList();
      Side src = new Side(s, table.id(), compared, names, sourceKeys, binary, numeric);
      Side tgt = new Side(t, target.id(), compared, targetNames, targetKeys, binary, numeric);
      String gtid = gtidPosition(s);
      long[] rows = new long[2];
      int chunks = 0;
      List<Object> lo = null;
      while (true) {
        List<Object> hi = src.chunkEnd(lo, settings.chunkRows());
        List<Object> from = lo;
        Future<long[]> there = targetThread.submit(() -> tgt.checksum(from, hi));
        long[] here = src.checksum(lo, hi);
        long[] other = get(there);
        rows[0] += here[0];
        rows[1] += other[0];
        chunks++;
        if (here[0] != other[0] || here[1] != other[1] || here[2] != other[2]) {
          compareRows(src, tgt, targetThread, lo, hi);
          differingRanges.add(java.util.Arrays.asList(lo, hi));
        }
        if (hi == null) {
          break;
        }
        lo = hi;
      }
      long firstPass = found.size() + overflow;
      String settle =
          found.isEmpty() && overflow == 0 ? "nothing to re-check" : settle(src, tgt, t, gtid);
      long resolved = firstPass - (found.size() + overflow);
      VerifyResult result =
          result(table, target, src, tgt, rows, chunks, compared, gtid, resolved, settle, started);
      if (repair && !result.equal()) {
        repair(src, tgt);
      }
      return result;
    } catch (SQLException e) {
      throw new SinkException(
          "verifying "
              + settings.sourceTable()
              + " against "
              + settings.targetTable()
              + " failed: "
              + e.getMessage(),
          false,
          e);
    } finally {
      targetThread.shutdownNow();
    }
  }

  private void repair(Side src, Side tgt) throws SQLException, SinkException {
    try (Connection writer = settings.targetWriter().open()) {
      writer.setAutoCommit(false);
      try (Statement s = writer.createStatement()) {
        s.execute("SET time_zone = '+00:00'"); // values come from the source's UTC session
      }
      RangeRepair ranges = new RangeRepair(src, tgt, writer);
      for (List<List<Object>> range : differingRanges) {
        ranges.repair(range.get(0), range.get(1));
      }
      written = ranges.written();
      deleted = ranges.deleted();
    } catch (SQLException e) {
      throw new SinkException(
          "repairing "
              + settings.targetTable()
              + " from "
              + settings.sourceTable()
              + " failed: "
              + e.getMessage()
              + " (each key range is repaired in a transaction of its own: run it again)",
          false,
          e);
    }
  }

  private static Connection open(SourceConnector connector, String description)
      throws SinkException {
    try {
      return connector.open();
    } catch (SQLException e) {
      throw new SinkException("cannot connect to " + description + ": " + e.getMessage(), false, e);
    }
  }

  private static <T> T get(Future<T> future) throws SQLException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void compareRows(
      Side src, Side tgt, ExecutorService targetThread, List<Object> lo, List<Object> hi)
      throws SQLException {
    Future<Map<String, Keyed>> there = targetThread.submit(() -> tgt.hashes(lo, hi));
    Map<String, Keyed> here = src.hashes(lo, hi);
    Map<String, Keyed> other = get(there);
    for (Map.Entry<String, Keyed> e : here.entrySet()) {
      Keyed t = other.get(e.getKey());
      if (t == null) {
        add(e.getKey(), e.getValue().key(), Kind.MISSING);
      } else if (!t.hash().equals(e.getValue().hash())) {
        add(e.getKey(), e.getValue().key(), Kind.DIFFERENT);
      }
    }
    for (Map.Entry<String, Keyed> e : other.entrySet()) {
      if (!here.containsKey(e.getKey())) {
        add(e.getKey(), e.getValue().key(), Kind.EXTRA);
      }
    }
  }

  private void add(String encoded, List<Object> key, Kind kind) {
    if (found.size() < RECHECK_LIMIT) {
      found.put(encoded, kind);
      keys.put(encoded, key);
    } else {
      overflow++;
      overflowByKind[kind.ordinal()]++;
    }
  }

  /**
   * Re-checks the differences while the stream may still bring them: each time, the target's
   * checkpoint is read, then every differing key is compared again; it ends when none is left, when
   * the checkpoint had passed the source's GTID position of the first pass (what is left is real),
   * or after the settle timeout (the checkpoint only moves with changes of this table, so it may
   * never reach a GTID of another table's transaction).
   */
  private String settle(Side src, Side tgt, Connection target, String gtid) throws SQLException {
    if (overflow > 0) {
      return "more than " + RECHECK_LIMIT + " differences: not re-checked";
    }
    Gtid anchor = anchor(gtid);
    long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
    String checkpoint = checkpoint(target);
    if (checkpoint == null) {
      return "no replication checkpoint for " + settings.streamId() + ": not re-checked";
    }
    while (true) {
      checkpoint = checkpoint(target);
      boolean passed = passed(checkpoint, anchor);
      recheck(src, tgt);
      if (found.isEmpty()) {
        return "every difference was in flight and resolved";
      }
      if (passed) {
        return "re-checked after the checkpoint (" + checkpoint + ") passed " + gtid;
      }
      if (System.nanoTime() > deadline) {
        return "still different after "
            + settings.settleTimeout().toSeconds()
            + " s; the checkpoint is at "
            + checkpoint
            + (gtid.isEmpty() ? "" : ", the source was at " + gtid);
      }
      try {
        Thread.sleep(200); // polling the checkpoint, bounded by the settle timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while re-checking";
      }
    }
  }

  private void recheck(Side src, Side tgt) throws SQLException {
    for (String encoded : new ArrayList<>(found.keySet())) {
      List<Object> key = keys.get(encoded);
      String a = src.hash(key);
      String b = tgt.hash(key);
      if (a == null && b == null || a != null && a.equals(b)) {
        found.remove(encoded);
        keys.remove(encoded);
      } else {
        found.put(encoded, a == null ? Kind.EXTRA : b == null ? Kind.MISSING : Kind.DIFFERENT);
      }
    }
  }

  private static Gtid anchor(String position) {
    if (position.isEmpty()) {
      return null;
    }
    return Gtid.parse(position.split(",")[0].trim());
  }

  private static boolean passed(String checkpoint, Gtid anchor) {
    if (checkpoint == null || anchor == null) {
      return false;
    }
    Gtid at = Gtid.parse(checkpoint);
    return at.sameDomain(anchor) && Long.compareUnsigned(at.sequence(), anchor.sequence()) >= 0;
  }

  private String checkpoint(Connection target) throws SQLException {
    try (PreparedStatement p =
        target.prepareStatement(
            "SELECT `gtid` FROM "
                + io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect.table(
                    settings.checkpointTable())
                + " WHERE `stream_id` = ?")) {
      p.setString(1, settings.streamId());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table
        return null;
      }
      throw e;
    }
  }

  private static String gtidPosition(Connection source) throws SQLException {
    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
      rs.next();
      String g = rs.getString(1);
      return g == null ? "" : g.trim();
    }
  }

  private VerifyResult result(
      SourceTable table,
      TargetTable target,
      Side src,
      Side tgt,
      long[] rows,
      int chunks,
      List<TargetColumn> compared,
      String gtid,
      long resolved,
      String settle,
      long started)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<VerifyResult.Difference> different = new ArrayList<>();
    long[] counts = overflowByKind.clone();
    List<String> names = compared.stream().map(TargetColumn::name).toList();
    for (Map.Entry<String, Kind> e : found.entrySet()) {
      List<Object> key = keys.get(e.getKey());
      String text = Side.KeyValues.text(key);
      counts[e.getValue().ordinal()]++;
      switch (e.getValue()) {
        case MISSING -> {
          if (missing.size() < settings.maxReported()) {
            missing.add(text);
          }
        }
        case EXTRA -> {
          if (extra.size() < settings.maxReported()) {
            extra.add(text);
          }
        }
        default -> {
          if (different.size() < settings.maxReported()) {
            different.add(new VerifyResult.Difference(text, differing(src, tgt, key, names)));
          }
        }
      }
    }
    List<String> ignored =
        target.columns().stream()
            .map(TargetColumn::name)
            .filter(n -> compared.stream().noneMatch(c -> c.name().equalsIgnoreCase(n)))
            .toList();
    return new VerifyResult(
        table.id(),
        target.id(),
        rows[0],
        rows[1],
        chunks,
        missing,
        counts[Kind.MISSING.ordinal()],
        extra,
        counts[Kind.EXTRA.ordinal()],
        different,
        counts[Kind.DIFFERENT.ordinal()],
        names,
        ignored,
        gtid,
        resolved,
        settle,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static List<String> differing(Side src, Side tgt, List<Object> key, List<String> names)
      throws SQLException {
    List<String> a = src.columnHashes(key);
    List<String> b = tgt.columnHashes(key);
    List<String> out = new ArrayList<>();
    if (a == null || b == null) {
      return out;
    }
    for (int i = 0; i < names.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        out.add(names.get(i));
      }
    }
    return out;
  }
}
