package io.github.maxcdc.internal.client;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.SourceItem;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stream's items into events and calls the change listener, across the connections of a
 * stream: owns the event assembler and the current schema, counts what was delivered, and asks the
 * listener where to resume after a reconnection. Used on the reader thread only; the counters are
 * read from any thread.
 */
final class ChangeDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeDelivery.class);

  private final ReaderLoop.Settings settings;
  private final TableId table;
  private final ChangeListener listener;
  private final LifecycleNotifier lifecycle;
  private final EventAssembler assembler;
  private TableSchema schema;
  private volatile StreamPosition lastPosition; // written by the reader only
  private volatile long delivered; // written by the reader only
  private volatile Instant lastSourceTimestamp; // written by the reader only

  ChangeDelivery(ReaderLoop.Settings settings, LifecycleNotifier lifecycle) {
    this.settings = settings;
    this.table = settings.request().table();
    this.listener = settings.listener();
    this.lifecycle = lifecycle;
    this.assembler =
        new EventAssembler(settings.zone(), table.toString(), settings.declaredTypes());
  }

  /** Position of the last change the listener returned from, or null. */
  StreamPosition lastPosition() {
    return lastPosition;
  }

  /** Number of changes delivered. */
  long delivered() {
    return delivered;
  }

  /** Source commit time of the last change delivered, or null. */
  Instant lastSourceTimestamp() {
    return lastSourceTimestamp;
  }

  /**
   * Handles one item of the stream: a row becomes an event (an {@code update_before} waits for its
   * pair), delivered if {@code filter} accepts it; a new schema and a warning go to the lifecycle
   * listener.
   */
  void accept(SourceItem item, PositionFilter filter) throws Exception {
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
        lifecycle.call(l -> l.onSchema(previous, typed));
      }
    } else if (item instanceof SourceItem.Warning w) {
      lifecycle.call(l -> l.onWarning(table, w.message()));
    }
  }

  /** Tells the listener the stream went idle. */
  void idle() throws CdcException {
    try {
      listener.onIdle();
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed when " + table + " went idle (" + e + ")", lastPosition, e);
    }
  }

  /** Tells the listener that everything received so far has been delivered. */
  void caughtUp() throws CdcException {
    try {
      listener.onCaughtUp();
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed when " + table + " caught up (" + e + ")", lastPosition, e);
    }
  }

  /**
   * Prepares a restart: forgets a half-received update and returns where the stream restarts, right
   * after what the listener acknowledges.
   */
  StartPosition resume() throws ListenerException {
    Optional<StreamPosition> resume;
    try {
      resume = listener.resumeAfter(Optional.ofNullable(lastPosition));
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed when " + table + " restarted (" + e + ")", lastPosition, e);
    }
    assembler.reset();
    lastPosition = resume.orElse(null);
    return resume.<StartPosition>map(StartPosition::after).orElse(settings.request().start());
  }

  private void deliver(ChangeEvent event) throws ListenerException {
    boolean first = delivered == 0;
    try {
      listener.onChange(event);
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
      lifecycle.call(l -> l.onStartPositionReached(table, event.position()));
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
      lifecycle.call(l -> l.onWarning(table, message));
    }
  }
}
