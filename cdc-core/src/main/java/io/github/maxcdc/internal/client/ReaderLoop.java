package io.github.maxcdc.internal.client;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a client's reader thread: opens the source's stream and reads it in a {@link
 * StreamSession}; when the connection drops or stalls, reconnects when the {@link
 * ReconnectSchedule} says and resumes right after the position the listener acknowledges. Ends when
 * the stream fails for good, the client is closed, or it has been idle for the stop interval. Runs
 * on one thread; only {@link #stop()} and the counters are called from others.
 */
public final class ReaderLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);

  /** Settings of a loop. */
  public record Settings(
      ChangeSource source,
      SourceRequest request,
      ChangeListener listener,
      LifecycleListener lifecycle,
      ZoneId zone,
      Duration idleInterval,
      Duration quietInterval,
      Duration stopWhenIdle,
      Duration stallTimeout,
      Backoff reconnect,
      io.github.maxcdc.DeclaredTypes declaredTypes) {}

  private final Settings settings;
  private final TableId table;
  private final Consumer<Throwable> onEnd;
  private final LifecycleNotifier lifecycle;
  private final ChangeDelivery delivery;
  private final ReconnectSchedule schedule;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile SourceStream stream; // written by the reader, closed by stop() from any thread
  private volatile long closedStreamBytes; // written by the reader only
  private StartPosition start;
  private StreamSession session; // the last connection's
  private boolean opened; // whether the last connection attempt reached the server

  /**
   * Creates the loop.
   *
   * @param onEnd called once at the end, on the reader thread, with the failure or null
   */
  public ReaderLoop(Settings settings, Consumer<Throwable> onEnd) {
    this.settings = settings;
    this.table = settings.request().table();
    this.onEnd = onEnd;
    this.lifecycle = new LifecycleNotifier(settings.lifecycle(), table);
    this.delivery = new ChangeDelivery(settings, lifecycle);
    this.schedule =
        new ReconnectSchedule(settings.reconnect(), table, settings.source(), lifecycle);
    this.start = settings.request().start();
  }

  /** Position of the last change the listener returned from, or null. */
  public StreamPosition lastPosition() {
    return delivery.lastPosition();
  }

  /** Number of changes delivered. */
  public long delivered() {
    return delivery.delivered();
  }

  /** Bytes received on every connection so far. */
  public long bytesRead() {
    SourceStream current = stream;
    return closedStreamBytes + (current == null ? 0 : current.bytesRead());
  }

  /** Source commit time of the last change delivered, or null. */
  public java.time.Instant lastSourceTimestamp() {
    return delivery.lastSourceTimestamp();
  }

  /** Number of reconnections. */
  public long reconnects() {
    return schedule.reconnects();
  }

  /** Asks the loop to end and unblocks its reads and waits; any thread, idempotent. */
  public void stop() {
    stopped.countDown();
    SourceStream current = stream;
    if (current != null) {
      current.close();
    }
  }

  private boolean stopping() {
    return stopped.getCount() == 0;
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      while (!stopping()) {
        Throwable cause = connection();
        if (cause == null || stopping()) {
          return;
        }
        Duration delay = schedule.next(cause, opened, session.dataSeen());
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        start = delivery.resume();
      }
    } catch (Throwable t) {
      if (!stopping()) {
        failure = t;
        LOG.warn("stream of {} stopped: {}", table, t.toString());
      }
    } finally {
      onEnd.accept(failure);
    }
  }

  // One connection: returns null at a normal end, the failure otherwise.
  private Throwable connection() {
    Throwable cause = null;
    session = new StreamSession(settings, start, delivery, lifecycle, this::stopping);
    opened = false;
    try {
      SourceRequest request = settings.request().startingAt(start);
      stream = settings.source().open(request);
      opened = true;
      if (stopping()) {
        return null;
      }
      LOG.info("streaming {} from {}, start {}", table, settings.source().describe(), start);
      lifecycle.call(l -> l.onConnected(table, settings.source().describe()));
      if (schedule.reconnects() > 0) {
        StreamPosition from = start instanceof StartPosition.After after ? after.position() : null;
        lifecycle.call(l -> l.onResumed(table, from));
      }
      session.read(stream);
    } catch (Throwable t) {
      cause = stopping() ? null : t;
    } finally {
      SourceStream current = stream;
      if (current != null) {
        current.close();
        closedStreamBytes += current.bytesRead();
      }
      stream = null;
      Throwable reported = cause;
      lifecycle.call(l -> l.onDisconnected(table, reported));
    }
    return cause;
  }
}
