package io.github.maxcdc.internal.client;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session: reads the stream's items and hands them to the {@link ChangeDelivery}
 * with the filter of the connection's start position; tells the listener when the stream has caught
 * up with its source and when it has then stayed quiet for the quiet interval, and when it goes
 * idle, reports a start position that never comes, and ends when the client stops, when the stream
 * has been idle for the stop interval, or with a failure when it stalls. One per connection, used
 * on the reader thread only.
 */
final class StreamSession {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
  private static final Duration MAX_POLL = Duration.ofMillis(250);

  private final ReaderLoop.Settings settings;
  private final TableId table;
  private final ChangeDelivery delivery;
  private final LifecycleNotifier lifecycle;
  private final BooleanSupplier stopping;
  private final PositionFilter filter;
  private long lastDataNanos;
  private boolean idleNotified;
  private boolean quietPending; // caught up after the last record; the quiet call is still due
  private long caughtUpNanos; // when the listener was told the stream caught up
  private boolean waitReported;
  private boolean dataSeen;

  StreamSession(
      ReaderLoop.Settings settings,
      StartPosition start,
      ChangeDelivery delivery,
      LifecycleNotifier lifecycle,
      BooleanSupplier stopping) {
    this.settings = settings;
    this.table = settings.request().table();
    this.delivery = delivery;
    this.lifecycle = lifecycle;
    this.stopping = stopping;
    this.filter = new PositionFilter(start);
  }

  /** Whether the connection brought any item. */
  boolean dataSeen() {
    return dataSeen;
  }

  /**
   * Reads {@code stream} until the client stops or the stream has been idle for the stop interval.
   *
   * @throws Exception what ended the connection otherwise: the stream's failure, a stall, a
   *     listener's failure
   */
  void read(SourceStream stream) throws Exception {
    lastDataNanos = System.nanoTime();
    idleNotified = false;
    waitReported = false;
    quietPending = false;
    Duration poll =
        min(MAX_POLL, settings.idleInterval(), settings.stopWhenIdle(), settings.stallTimeout());
    while (!stopping.getAsBoolean()) {
      SourceItem item = stream.next(quietPending ? min(poll, quietLeft()) : poll);
      if (item == null) {
        if (quietPending && quietLeft().isZero()) {
          quietPending = false;
          // bytes of the next record may have come meanwhile, not yet a whole record: the source
          // has not paused, and the record's arrival tells the listener again
          if (stream.caughtUp()) {
            delivery.caughtUp(settings.quietInterval());
          }
        }
        if (idle()) {
          return;
        }
        continue;
      }
      lastDataNanos = System.nanoTime();
      idleNotified = false;
      dataSeen = true;
      delivery.accept(item, filter);
      // Checked after every record, but the stream answers from its own buffers first: the
      // connection is asked only once they are empty, about once per socket read.
      quietPending = stream.caughtUp();
      if (quietPending) {
        caughtUpNanos = System.nanoTime();
        delivery.caughtUp(Duration.ZERO);
      }
    }
  }

  // What is left of the quiet interval since the stream caught up, never negative.
  private Duration quietLeft() {
    long left = settings.quietInterval().toNanos() - (System.nanoTime() - caughtUpNanos);
    return Duration.ofNanos(Math.max(0, left));
  }

  // Returns true when the session must end because the stream has been idle long enough.
  private boolean idle() throws CdcException {
    long idleNanos = System.nanoTime() - lastDataNanos;
    if (!idleNotified && idleNanos >= settings.idleInterval().toNanos()) {
      idleNotified = true;
      delivery.idle();
      if (!filter.started() && !waitReported) {
        waitReported = true;
        String message = filter.describeWait(table.toString());
        LOG.warn(message);
        lifecycle.call(l -> l.onStartPositionNotFound(table, message));
      }
    }
    if (settings.stopWhenIdle() != null && idleNanos >= settings.stopWhenIdle().toNanos()) {
      return true;
    }
    if (settings.stallTimeout() != null && idleNanos >= settings.stallTimeout().toNanos()) {
      throw new ConnectionClosedException(
          "no data from "
              + settings.source().describe()
              + " for "
              + settings.stallTimeout().toMillis()
              + " ms: the connection is treated as stalled",
          false,
          null);
    }
    return false;
  }

  // the shortest of the durations given (null ones are not set)
  private static Duration min(Duration... durations) {
    Duration m = null;
    for (Duration d : durations) {
      if (d != null && (m == null || d.compareTo(m) < 0)) {
        m = d;
      }
    }
    return m;
  }
}
