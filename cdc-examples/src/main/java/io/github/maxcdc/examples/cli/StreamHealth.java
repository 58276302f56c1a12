package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.jdbc.SnapshotListener;
import io.github.maxcdc.jdbc.SnapshotProgress;
import io.github.maxcdc.position.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /health} knows of one stream of a {@code replicate} run: whether it has caught up
 * with MaxScale, when it last was, whether it is connected, and its client and sink once they are
 * built. It learns this as the listener between the client and the sink ({@link #changeListener})
 * and as a lifecycle listener ({@link #lifecycleListener}); {@link #facts()} reads it from any
 * thread. Snapshot progress arrives through {@link #snapshotListener()}.
 *
 * <p>Thread-safety: the listeners run on the client's reader thread (the snapshot's on the
 * command's thread); every field they write is volatile, read by the HTTP server's thread.
 */
final class StreamHealth {
  /** Where a stream is in its life, as {@code /health} shows it (lower case). */
  enum State {
    /** Being opened: target connection, checkpoint. */
    STARTING,
    /** Copying the rows the table already has ({@code --snapshot}). */
    SNAPSHOT,
    /** Started, not connected to MaxScale yet. */
    CONNECTING,
    /** Connected, streaming. */
    RUNNING,
    /** The connection was lost; the client reconnects. */
    RECONNECTING,
    /** Ended normally (idle exit, stop). */
    STOPPED,
    /** Ended on a failure. */
    FAILED
  }

  /**
   * What the health rule reads ({@link HealthReport#evaluate}).
   *
   * @param state the stream's state
   * @param caughtUp whether the stream has delivered everything MaxScale sent, with no change since
   * @param caughtUpAt when it last was caught up, or null if never
   * @param lastCommitTime source commit time of the last change the sink committed, or null
   * @param since when the stream was opened, or null before
   * @param lastPosition the last position the sink committed, or null
   * @param failure what ended the stream, or null
   * @param snapshotCopied rows the snapshot copied so far (0 without one)
   * @param snapshotEstimated the source's estimate of the table's rows (0 if unknown)
   */
  record Facts(
      State state,
      boolean caughtUp,
      Instant caughtUpAt,
      Instant lastCommitTime,
      Instant since,
      StreamPosition lastPosition,
      String failure,
      long snapshotCopied,
      long snapshotEstimated) {}

  private final String name;
  private final Clock clock;
  private volatile CdcClient client; // set once opened
  private volatile Supplier<SinkMetrics> sink; // set once opened
  private volatile Instant since; // set once opened
  private volatile boolean snapshotRunning;
  private volatile long snapshotCopied;
  private volatile long snapshotEstimated;
  private volatile boolean connected;
  private volatile boolean everConnected;
  private volatile boolean caughtUp;
  private volatile Instant caughtUpAt;
  private volatile boolean sourceTellsCaughtUp; // the source calls onCaughtUp (a CDC listener)

  StreamHealth(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  /** The stream's name, {@code source -> target}. */
  String name() {
    return name;
  }

  /** The stream has been opened: its client (not started yet) and its sink's metrics. */
  void opened(CdcClient client, Supplier<SinkMetrics> sink) {
    this.sink = sink;
    this.since = clock.instant();
    this.client = client;
  }

  /** What the health rule reads, now. Any thread. */
  Facts facts() {
    SinkMetrics m = sink == null ? null : sink.get();
    CdcClient c = client;
    Throwable failure = c == null ? null : c.failure().orElse(null);
    return new Facts(
        state(c),
        caughtUp,
        caughtUpAt,
        m == null ? null : m.lastSourceTimestamp(),
        since,
        m == null ? null : m.lastPosition(),
        failure == null ? null : message(failure),
        snapshotCopied,
        snapshotEstimated);
  }

  private State state(CdcClient c) {
    if (c == null) {
      return snapshotRunning ? State.SNAPSHOT : State.STARTING;
    }
    switch (c.state()) {
      case NEW:
        return State.STARTING;
      case RUNNING:
        if (connected) {
          return State.RUNNING;
        }
        return everConnected ? State.RECONNECTING : State.CONNECTING;
      default:
        return c.failure().isPresent() ? State.FAILED : State.STOPPED;
    }
  }

  private static String message(Throwable t) {
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return message.length() <= 300 ? message : message.substring(0, 300) + "...";
  }

  /** Hears the snapshot of this stream's table, if {@code --snapshot}. */
  SnapshotListener snapshotListener() {
    return this::onSnapshotProgress;
  }

  /** The snapshot starts; its progress follows through {@link #snapshotListener()}. */
  void snapshotStarted() {
    snapshotRunning = true;
  }

  /** The snapshot has ended (copied, skipped or failed). */
  void snapshotEnded() {
    snapshotRunning = false;
  }

  private void onSnapshotProgress(SnapshotProgress p) {
    snapshotCopied = p.rowsCopied();
    snapshotEstimated = p.estimatedRows();
  }

  /** Rows the snapshot copied so far. */
  long snapshotCopied() {
    return snapshotCopied;
  }

  /** The source's estimate of the rows to copy, 0 if unknown or no snapshot. */
  long snapshotEstimated() {
    return snapshotEstimated;
  }

  /** A listener passing every call to {@code downstream}, noting when the stream caught up. */
  ChangeListener changeListener(ChangeListener downstream) {
    return new ChangeListener() {
      @Override
      public void onChange(ChangeEvent event) throws Exception {
        if (caughtUp) {
          caughtUp = false; // a volatile read per change, a write only after catching up
        }
        downstream.onChange(event);
      }

      @Override
      public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
          throws Exception {
        return downstream.resumeAfter(lastDelivered);
      }

      @Override
      public void onIdle() throws Exception {
        downstream.onIdle();
        // a source that cannot tell it has caught up (KafkaCDC): idle is the best it knows; a CDC
        // listener goes idle in the middle of a record too, so only its caught-up call counts
        if (!sourceTellsCaughtUp) {
          markCaughtUp();
        }
      }

      @Override
      public void onCaughtUp(Duration quietFor) throws Exception {
        sourceTellsCaughtUp = true;
        downstream.onCaughtUp(quietFor);
        markCaughtUp();
      }
    };
  }

  private void markCaughtUp() {
    caughtUpAt = clock.instant();
    caughtUp = true;
  }

  /** A lifecycle listener passing every call to {@code downstream}, noting the connection. */
  LifecycleListener lifecycleListener(LifecycleListener downstream) {
    return new LifecycleListener() {
      @Override
      public void onConnected(TableId table, String server) {
        connected = true;
        everConnected = true;
        downstream.onConnected(table, server);
      }

      @Override
      public void onSchema(TableSchema previous, TableSchema schema) {
        downstream.onSchema(previous, schema);
      }

      @Override
      public void onStartPositionNotFound(TableId table, String message) {
        downstream.onStartPositionNotFound(table, message);
      }

      @Override
      public void onStartPositionReached(TableId table, StreamPosition position) {
        downstream.onStartPositionReached(table, position);
      }

      @Override
      public void onWarning(TableId table, String message) {
        downstream.onWarning(table, message);
      }

      @Override
      public void onDisconnected(TableId table, Throwable cause) {
        if (caughtUp) {
          caughtUpAt = clock.instant(); // it was caught up until now: the lag counts from here
        }
        connected = false;
        caughtUp = false;
        downstream.onDisconnected(table, cause);
      }

      @Override
      public void onReconnectScheduled(
          TableId table, int attempt, Duration delay, Throwable cause) {
        downstream.onReconnectScheduled(table, attempt, delay, cause);
      }

      @Override
      public void onResumed(TableId table, StreamPosition position) {
        downstream.onResumed(table, position);
      }

      @Override
      public void onClosed(TableId table, Throwable failure) {
        downstream.onClosed(table, failure);
      }
    };
  }
}
