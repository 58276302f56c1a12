package io.github.maxcdc.internal.client;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.NoSuchTableException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a client's reader thread: opens the source's stream, turns its records into events,
 * skips what precedes the start position, and calls the listeners; when the connection drops or
 * stalls, reconnects as the policy says and resumes right after the position the listener
 * acknowledges. Ends when the stream fails for good, the client is closed, or it has been idle for
 * the stop interval. Runs on one thread; only {@link #stop()} is called from others.
 */
public final class ReaderLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
  private static final Duration MAX_POLL = Duration.ofMillis(250);
  private static final long UNREACHABLE_REPORT_NANOS = 60_000_000_000L;

  /** Settings of a loop. */
  public record Settings(
      ChangeSource source,
      SourceRequest request,
      ChangeListener listener,
      LifecycleListener lifecycle,
      ZoneId zone,
      Duration idleInterval,
      Duration stopWhenIdle,
      Duration stallTimeout,
      Backoff reconnect,
      io.github.maxcdc.DeclaredTypes declaredTypes) {}

  private final Settings settings;
  private final TableId table;
  private final Consumer<Throwable> onEnd;
  private final EventAssembler assembler;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile SourceStream stream; // written by the reader, closed by stop() from any thread
  private volatile StreamPosition lastPosition; // written by the reader only
  private volatile long delivered; // written by the reader only
  private volatile long reconnects; // written by the reader only
  private volatile long closedStreamBytes; // written by the reader only
  private volatile java.time.Instant lastSourceTimestamp; // written by the reader only
  private PositionFilter filter;
  private StartPosition start;
  private TableSchema schema;
  private long lastDataNanos;
  private boolean idleNotified;
  private boolean waitReported;
  private boolean dataSeen;
  private boolean opened; // whether the last connection attempt reached the server
  private long failingSinceNanos; // first of the attempts in a row that did not reach it, or 0
  private long failingReportedNanos;

  /**
   * Creates the loop.
   *
   * @param onEnd called once at the end, on the reader thread, with the failure or null
   */
  public ReaderLoop(Settings settings, Consumer<Throwable> onEnd) {
    this.settings = settings;
    this.table = settings.request().table();
    this.onEnd = onEnd;
    this.assembler =
        new EventAssembler(settings.zone(), table.toString(), settings.declaredTypes());
    this.start = settings.request().start();
  }

  /** Position of the last change the listener returned from, or null. */
  public StreamPosition lastPosition() {
    return lastPosition;
  }

  /** Number of changes delivered. */
  public long delivered() {
    return delivered;
  }

  /** Bytes received on every connection so far. */
  public long bytesRead() {
    SourceStream current = stream;
    return closedStreamBytes + (current == null ? 0 : current.bytesRead());
  }

  /** Source commit time of the last change delivered, or null. */
  public java.time.Instant lastSourceTimestamp() {
    return lastSourceTimestamp;
  }

  /** Number of reconnections. */
  public long reconnects() {
    return reconnects;
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
      for (int attempt = 0; !stopping(); ) {
        Throwable cause = connection();
        if (cause == null || stopping()) {
          return;
        }
        attempt = dataSeen ? 1 : attempt + 1;
        Duration delay = retryDelay(cause, attempt);
        reconnects++;
        int n = attempt;
        reportUnreachable(cause, n);
        LOG.warn(
            "stream of {} interrupted ({}); reconnecting in {} ms (attempt {})",
            table,
            cause.toString(),
            delay.toMillis(),
            n);
        lifecycle(l -> l.onReconnectScheduled(table, n, delay, cause));
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        restart();
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
    dataSeen = false;
    filter = new PositionFilter(start);
    opened = false;
    try {
      SourceRequest request = new SourceRequest(table, settings.request().version(), start);
      stream = settings.source().open(request);
      opened = true;
      if (stopping()) {
        return null;
      }
      LOG.info("streaming {} from {}, start {}", table, settings.source().describe(), start);
      lifecycle(l -> l.onConnected(table, settings.source().describe()));
      if (reconnects > 0) {
        StreamPosition from = start instanceof StartPosition.After after ? after.position() : null;
        lifecycle(l -> l.onResumed(table, from));
      }
      loop();
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
      lifecycle(l -> l.onDisconnected(table, reported));
    }
    return cause;
  }

  /**
   * Says, at the third attempt in a row that does not reach the server and then once a minute,
   * where the client tries to connect and for how long it has failed: a stream that keeps retrying
   * must not look like a quiet table.
   */
  private void reportUnreachable(Throwable cause, int attempt) {
    long now = System.nanoTime();
    if (opened) {
      failingSinceNanos = 0;
      return;
    }
    if (failingSinceNanos == 0) {
      failingSinceNanos = now;
      failingReportedNanos = 0;
    }
    if (attempt < 3
        || (failingReportedNanos != 0 && now - failingReportedNanos < UNREACHABLE_REPORT_NANOS)) {
      return;
    }
    failingReportedNanos = now;
    String message =
        "no connection to "
            + settings.source().describe()
            + " for "
            + String.format(Locale.ROOT, "%.1f s", (now - failingSinceNanos) / 1e9)
            + " ("
            + attempt
            + " attempts, the last: "
            + cause.getMessage()
            + "); still retrying. A MaxScale that refuses connections to its CDC listener has"
            + " usually stopped: MaxScale 24.02's avrorouter stops on the first row of a table"
            + " with a geometry column (POINT...), see MaxScale's log";
    LOG.warn("{}: {}", table, message);
    lifecycle(l -> l.onWarning(table, message));
  }

  // Whether and when to try again after a failed connection; rethrows what must not be retried.
  private Duration retryDelay(Throwable cause, int attempt) throws Throwable {
    Backoff policy = settings.reconnect();
    boolean transientFailure = cause instanceof CdcException e && e.isTransient();
    if (!transientFailure || !policy.allows(attempt)) {
      throw cause;
    }
    if (cause instanceof NoSuchTableException) {
      String message =
          table
              + " has no change file on the server yet (MaxScale creates it with the table's "
              + "first row); asking again in "
              + String.format(Locale.ROOT, "%.1f s", policy.noFileDelay().toMillis() / 1000.0);
      LOG.warn(message);
      lifecycle(l -> l.onWarning(table, message));
      return policy.noFileDelay();
    }
    return policy.delay(attempt);
  }

  // The stream restarts right after what the listener acknowledges.
  private void restart() throws ListenerException {
    Optional<StreamPosition> resume;
    try {
      resume = settings.listener().resumeAfter(Optional.ofNullable(lastPosition));
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed when " + table + " restarted (" + e + ")", lastPosition, e);
    }
    assembler.reset();
    lastPosition = resume.orElse(null);
    start = resume.<StartPosition>map(StartPosition::after).orElse(settings.request().start());
  }

  private void loop() throws Exception {
    lastDataNanos = System.nanoTime();
    idleNotified = false;
    waitReported = false;
    Duration poll =
        min(MAX_POLL, settings.idleInterval(), settings.stopWhenIdle(), settings.stallTimeout());
    while (!stopping()) {
      SourceItem item = stream.next(poll);
      if (item == null) {
        if (idle()) {
          return;
        }
        continue;
      }
      lastDataNanos = System.nanoTime();
      idleNotified = false;
      dataSeen = true;
      handle(item);
    }
  }

  private void handle(SourceItem item) throws Exception {
    if (item instanceof SourceItem.RawRow raw) {
      ChangeEvent event = assembler.accept(raw);
      if (event != null && filter.accept(event)) {
        deliver(event);
      }
    } else if (item instanceof SourceItem.Schema s) {
      TableSchema previous = schema;
      TableSchema typed = assembler.typed(s.schema());
      if (!typed.equals(previous)) {
        schema = typed;
        LOG.debug("{}: schema version {}", table, schema.version());
        lifecycle(l -> l.onSchema(previous, typed));
      }
    } else if (item instanceof SourceItem.Warning w) {
      lifecycle(l -> l.onWarning(table, w.message()));
    }
  }

  private void deliver(ChangeEvent event) throws ListenerException {
    boolean first = delivered == 0;
    try {
      settings.listener().onChange(event);
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed on the "
              + event.type().jsonName()
              + " of "
              + table
              + " at "
              + event.position()
              + " ("
              + e
              + "); that change is not consumed",
          event.position(),
          e);
    }
    lastPosition = event.position();
    lastSourceTimestamp = event.timestamp();
    delivered++;
    if (first && !(settings.request().start() instanceof StartPosition.Beginning)) {
      lifecycle(l -> l.onStartPositionReached(table, event.position()));
      warnIfAnotherServer(event);
    }
  }

  private void warnIfAnotherServer(ChangeEvent event) {
    if (settings.request().start() instanceof StartPosition.AtGtid at
        && at.gtid().serverId() != event.gtid().serverId()) {
      String message =
          table
              + " starts at "
              + event.position()
              + ": the start GTID "
              + at.gtid()
              + " names server id "
              + at.gtid().serverId()
              + ", which wrote no change of this table at or after that sequence; "
              + "the stream starts at the next change of domain "
              + at.gtid().domain()
              + " (MaxScale's own JSON seek needs the exact server id and would never have matched)";
      LOG.warn(message);
      lifecycle(l -> l.onWarning(table, message));
    }
  }

  // Returns true when the loop must end because the stream has been idle long enough.
  private boolean idle() throws CdcException {
    long idleNanos = System.nanoTime() - lastDataNanos;
    if (!idleNotified && idleNanos >= settings.idleInterval().toNanos()) {
      idleNotified = true;
      try {
        settings.listener().onIdle();
      } catch (Exception e) {
        throw new ListenerException(
            "the change listener failed when " + table + " went idle (" + e + ")", lastPosition, e);
      }
      if (!filter.started() && !waitReported) {
        waitReported = true;
        String message = filter.describeWait(table.toString());
        LOG.warn(message);
        lifecycle(l -> l.onStartPositionNotFound(table, message));
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

  private void lifecycle(Consumer<LifecycleListener> call) {
    try {
      call.accept(settings.lifecycle());
    } catch (RuntimeException e) {
      LOG.warn("the lifecycle listener of {} threw; ignored", table, e);
    }
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
