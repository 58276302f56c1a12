package io.github.maxcdc.internal.client;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.ListenerException;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a client's reader thread: opens the source's stream, turns its records into events,
 * skips what precedes the start position, and calls the listeners, until the stream fails, the
 * client is closed, or it has been idle for the configured stop interval. Runs on one thread; only
 * {@link #stop()} is called from others.
 */
public final class ReaderLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
  private static final Duration MAX_POLL = Duration.ofMillis(250);

  /** Settings of a loop. */
  public record Settings(
      ChangeSource source,
      SourceRequest request,
      ChangeListener listener,
      LifecycleListener lifecycle,
      ZoneId zone,
      Duration idleInterval,
      Duration stopWhenIdle) {}

  private final Settings settings;
  private final TableId table;
  private final Consumer<Throwable> onEnd;
  private final EventAssembler assembler;
  private final PositionFilter filter;
  private volatile boolean stopping;
  private volatile SourceStream stream; // written by the reader, closed by stop() from any thread
  private volatile StreamPosition lastPosition; // written by the reader only
  private volatile long delivered; // written by the reader only
  private TableSchema schema;
  private long lastDataNanos;
  private boolean idleNotified;
  private boolean waitReported;

  /**
   * Creates the loop.
   *
   * @param onEnd called once at the end, on the reader thread, with the failure or null
   */
  public ReaderLoop(Settings settings, Consumer<Throwable> onEnd) {
    this.settings = settings;
    this.table = settings.request().table();
    this.onEnd = onEnd;
    this.assembler = new EventAssembler(settings.zone(), table.toString());
    this.filter = new PositionFilter(settings.request().start());
  }

  /** Position of the last change the listener returned from, or null. */
  public StreamPosition lastPosition() {
    return lastPosition;
  }

  /** Number of changes delivered. */
  public long delivered() {
    return delivered;
  }

  /** Asks the loop to end and unblocks its reads; any thread, idempotent. */
  public void stop() {
    stopping = true;
    SourceStream current = stream;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      stream = settings.source().open(settings.request());
      if (stopping) {
        stream.close();
      } else {
        LOG.info(
            "streaming {} from {}, start {}",
            table,
            settings.source().describe(),
            settings.request().start());
        lifecycle(l -> l.onConnected(table, settings.source().describe()));
        loop();
      }
    } catch (Throwable t) {
      if (!stopping) {
        failure = t;
      }
    } finally {
      SourceStream current = stream;
      if (current != null) {
        current.close();
      }
      Throwable cause = failure;
      if (cause != null) {
        LOG.warn("stream of {} stopped: {}", table, cause.toString());
      }
      lifecycle(l -> l.onDisconnected(table, cause));
      onEnd.accept(failure);
    }
  }

  private void loop() throws Exception {
    lastDataNanos = System.nanoTime();
    Duration poll = min(MAX_POLL, settings.idleInterval(), settings.stopWhenIdle());
    while (!stopping) {
      SourceItem item = stream.next(poll);
      if (item == null) {
        if (idle()) {
          return;
        }
        continue;
      }
      lastDataNanos = System.nanoTime();
      idleNotified = false;
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
      schema = s.schema();
      LOG.debug("{}: schema version {}", table, schema.version());
      lifecycle(l -> l.onSchema(previous, s.schema()));
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
    delivered++;
    if (first && !(settings.request().start() instanceof StartPosition.Beginning)) {
      lifecycle(l -> l.onStartPositionReached(table, event.position()));
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
                + ", which wrote no change of this "
                + "table at or after that sequence; the stream starts at the next change of domain "
                + at.gtid().domain()
                + " (MaxScale's own JSON seek needs the exact server id and "
                + "would never have matched)";
        LOG.warn(message);
        lifecycle(l -> l.onWarning(table, message));
      }
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
    return settings.stopWhenIdle() != null && idleNanos >= settings.stopWhenIdle().toNanos();
  }

  private void lifecycle(Consumer<LifecycleListener> call) {
    try {
      call.accept(settings.lifecycle());
    } catch (RuntimeException e) {
      LOG.warn("the lifecycle listener of {} threw; ignored", table, e);
    }
  }

  private static Duration min(Duration a, Duration b, Duration c) {
    Duration m = a.compareTo(b) <= 0 ? a : b;
    return c != null && c.compareTo(m) < 0 ? c : m;
  }
}
