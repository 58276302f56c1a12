package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.jdbc.SchemaDrift;
import io.github.maxcdc.jdbc.SourceDatabase;
import io.github.maxcdc.jdbc.SourceSchemaWatch;
import io.github.maxcdc.jdbc.TableMapping;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SourceSchemaWatch}es of one {@code replicate} run, one per table: each drift is
 * printed on stderr at once ({@code schema drift: ...}); with {@code fail} the first one stops
 * every stream, and the run ends with it as its failure once the sinks have committed.
 * Thread-safety: {@link #observe} and {@link #start} on the command's thread, drifts on the
 * watches' threads, {@link #failure} after the streams ended.
 */
final class SchemaWatches implements AutoCloseable {
  private final SourceDatabase source; // null: nothing watched
  private final boolean fail;
  private final Duration interval;
  private final Duration stall;
  private final PrintStream stderr;
  private final List<SourceSchemaWatch> watches = new CopyOnWriteArrayList<>();
  private final AtomicReference<SchemaDrift> stoppedBy = new AtomicReference<>();
  private volatile Runnable stopStreams = () -> {};

  SchemaWatches(
      SourceDatabase source, boolean fail, Duration interval, Duration stall, PrintStream stderr) {
    this.source = source;
    this.fail = fail;
    this.interval = interval;
    this.stall = stall;
    this.stderr = stderr;
  }

  /** Watches that watch nothing (no source connection). */
  static SchemaWatches none() {
    return new SchemaWatches(null, false, null, null, null);
  }

  /**
   * {@code attached} (a client builder a sink is attached to) with {@code downstream} (the sink, or
   * what passes its calls on to it) as its listener and {@code lifecycle} as its lifecycle
   * listener, and a watch of {@code mapping}'s source table in front of both.
   */
  CdcClient.Builder observe(
      TableMapping mapping,
      ChangeListener downstream,
      LifecycleListener lifecycle,
      CdcClient.Builder attached) {
    if (source == null) {
      return attached.listener(downstream).lifecycleListener(lifecycle);
    }
    SourceSchemaWatch watch =
        SourceSchemaWatch.builder()
            .source(source)
            .table(mapping.source())
            .checkInterval(interval)
            .stallTimeout(stall)
            .listener(this::drift)
            .build();
    watches.add(watch);
    return attached
        .listener(watch.changeListener(downstream))
        .lifecycleListener(watch.lifecycleListener(lifecycle));
  }

  /** Starts every watch; a drift with {@code fail} runs {@code stop} (ends the streams). */
  void start(Runnable stop) {
    stopStreams = stop;
    watches.forEach(SourceSchemaWatch::start);
  }

  /**
   * The failure the run ends with: the drift that stopped the streams (with {@code failure}
   * suppressed), else {@code failure}.
   */
  Exception failure(Exception failure) {
    SchemaDrift drift = stoppedBy.get();
    if (drift == null) {
      return failure;
    }
    Exception stopped =
        new Exception(
            "stopped after committing what was applied, because MaxScale has lost track of "
                + drift.table()
                + " (see the schema drift line above; --on-schema-drift warn goes on instead)");
    if (failure != null) {
      stopped.addSuppressed(failure);
    }
    return stopped;
  }

  @Override
  public void close() {
    watches.forEach(SourceSchemaWatch::close);
  }

  private void drift(SchemaDrift drift) {
    stderr.println("schema drift: " + drift.message());
    if (fail && stoppedBy.compareAndSet(null, drift)) {
      stopStreams.run();
    }
  }
}
