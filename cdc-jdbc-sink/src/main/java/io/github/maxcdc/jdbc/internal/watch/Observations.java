package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SchemaDrift;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a watch has seen of one table's stream, and its checks against the source: a {@link
 * DriftJudge} behind a lock. The stream's methods are cheap and may be called from the client's
 * reader thread; {@link #check()} runs on the watch's thread. Thread-safe.
 */
public final class Observations {
  private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

  private final SourceConnector source;
  private final String sourceName;
  private final TableId table;
  private final Object lock = new Object();
  private final DriftJudge judge; // guarded by lock
  private final Runnable checkSoon;
  private boolean sourceFailing; // the watch's thread only
  private boolean tableMissing; // the watch's thread only

  /**
   * Observations of {@code table}, checked against {@code source} (named {@code sourceName}).
   *
   * @param interval how long a difference must persist
   * @param stall the stall timeout, or zero for none
   * @param checkSoon asks for a check soon (after an announcement, and at its first change)
   */
  public Observations(
      SourceConnector source,
      String sourceName,
      TableId table,
      Duration interval,
      Duration stall,
      Runnable checkSoon) {
    this.source = source;
    this.checkSoon = checkSoon;
    this.sourceName = sourceName;
    this.table = table;
    this.judge = new DriftJudge(table, interval, stall, System.nanoTime());
  }

  /** MaxScale announced {@code schema}: compared with the source soon. */
  public void announced(TableSchema schema) {
    synchronized (lock) {
      judge.announced(schema);
    }
    checkSoon.run();
  }

  /**
   * {@code event} is being delivered; {@link #callEnded()} follows. The first change of each
   * announced version is checked soon.
   */
  public void delivering(ChangeEvent event) {
    boolean first;
    synchronized (lock) {
      first = judge.delivering(event, System.nanoTime());
    }
    if (first) {
      checkSoon.run();
    }
  }

  /** Another listener call starts; {@link #callEnded()} follows. */
  public void callStarted() {
    synchronized (lock) {
      judge.callStarted();
    }
  }

  /** A listener call ended. */
  public void callEnded() {
    synchronized (lock) {
      judge.callEnded(System.nanoTime());
    }
  }

  /** The client connected ({@code up}) or lost its connection. */
  public void connection(boolean up) {
    synchronized (lock) {
      judge.connection(up, System.nanoTime());
    }
  }

  /**
   * Reads the source and judges; a source that cannot be read, or a table it does not have, is
   * logged once until that changes. Never throws.
   */
  public Optional<SchemaDrift> check() {
    SourceState state;
    try (Connection c = source.open()) {
      state = SourceState.read(c, table);
    } catch (Exception e) {
      if (!sourceFailing) {
        LOG.warn(
            "cannot read the source database {} to watch {} ({}); trying again at each check",
            sourceName,
            table,
            e.toString());
      }
      sourceFailing = true;
      return Optional.empty();
    }
    sourceFailing = false;
    if (!state.exists() && !tableMissing) {
      LOG.warn(
          "source table {} does not exist in {}, or the source user cannot see it (it needs"
              + " SELECT on it): nothing to compare MaxScale with until it does",
          table,
          sourceName);
    }
    tableMissing = !state.exists();
    synchronized (lock) {
      return judge.check(state);
    }
  }
}
