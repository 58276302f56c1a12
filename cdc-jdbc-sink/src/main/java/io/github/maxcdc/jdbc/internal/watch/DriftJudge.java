package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SchemaDrift;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether MaxScale has lost track of a table, from what its stream delivered and what the
 * source says ({@link SourceState}), one check at a time.
 *
 * <p>A difference between the schema MaxScale announced last and the source's columns is normal for
 * a while: MaxScale starts a schema version only for the first row written after an {@code ALTER
 * TABLE} (so an altered table nobody writes keeps its old version), and a stream catching up
 * delivers old changes under old versions. It is reported as {@link
 * SchemaDrift.Kind#SCHEMA_MISMATCH} only when the stream shows MaxScale went past the change:
 *
 * <ol>
 *   <li>at once, when a change delivered under the announced version was committed after the
 *       source's last {@code ALTER TABLE} ({@code CREATE_TIME}, to the second, strictly later);
 *   <li>or when the difference persists across a check interval without any change arriving (nor a
 *       listener call running, nor the connection down), and either MaxScale announced that version
 *       in the middle of the stream but sent none of its changes (it creates a version for a row
 *       that uses it, so its rows failed to convert), or the source table was written after its
 *       last {@code ALTER TABLE} ({@code UPDATE_TIME} in a later second than {@code CREATE_TIME}).
 * </ol>
 *
 * <p>{@link SchemaDrift.Kind#STALLED}: the source table was written after the last change delivered
 * (or after the start), and no change has arrived for the stall timeout since that write was first
 * seen. Writes in the same second as the last change delivered are not told apart from it; the next
 * write is. Each finding is reported once: a mismatch once per announced version, a stall until a
 * change arrives again.
 *
 * <p>Times are passed in ({@link System#nanoTime()}). Not thread-safe: the watch calls it under its
 * lock.
 */
public final class DriftJudge {
  private final TableId table;
  private final long intervalNanos;
  private final long stallNanos; // 0: no stall check

  // what the stream said
  private TableSchema announced;
  private boolean announcedMidStream;
  private long eventsAtAnnouncement;
  private long events;
  private long lastEventNanos;
  private long lastCallEndNanos;
  private Instant lastEventTime;
  private TableSchema lastEventSchema;
  private int busy;
  private boolean disconnected;
  private long disconnectedSinceNanos;

  // what the checks concluded
  private TableSchema suspected;
  private long suspectedSinceNanos;
  private long eventsAtSuspicion;
  private TableSchema reported;
  private Long firstUnseenWriteMicros;
  private boolean stallReported;

  /**
   * A judge for {@code table}.
   *
   * @param interval the check interval a difference must persist across
   * @param stall the stall timeout, or {@link Duration#ZERO} for no stall check
   * @param startNanos when watching started: writes before it are not waited for
   */
  public DriftJudge(TableId table, Duration interval, Duration stall, long startNanos) {
    this.table = table;
    this.intervalNanos = interval.toNanos();
    this.stallNanos = stall.toNanos();
    this.lastEventNanos = startNanos;
    this.lastCallEndNanos = startNanos;
  }

  /** MaxScale announced {@code schema}: the changes that follow are of that version. */
  public void announced(TableSchema schema) {
    announced = schema;
    announcedMidStream = events > 0;
    eventsAtAnnouncement = events;
  }

  /**
   * {@code event} is being delivered; a listener call runs until {@link #callEnded(long)}.
   *
   * @return whether it is the first change since the last announcement: a check then tells at once
   *     whether it was committed after the source's last {@code ALTER TABLE}
   */
  public boolean delivering(ChangeEvent event, long now) {
    events++;
    lastEventNanos = now;
    lastEventTime = event.timestamp();
    lastEventSchema = event.schema();
    firstUnseenWriteMicros = null;
    stallReported = false;
    busy++;
    return events == eventsAtAnnouncement + 1;
  }

  /**
   * A listener call other than a change runs ({@code onIdle}, {@code onCaughtUp}), until {@link
   * #callEnded(long)}.
   */
  public void callStarted() {
    busy++;
  }

  /** A listener call ended. */
  public void callEnded(long now) {
    busy = Math.max(0, busy - 1);
    lastCallEndNanos = now;
  }

  /** The client connected ({@code up}) or lost its connection. */
  public void connection(boolean up, long now) {
    if (!up && !disconnected) {
      disconnectedSinceNanos = now;
    }
    if (up && disconnected) {
      suspectedSinceNanos = now; // silence counts from the new connection
    }
    disconnected = !up;
  }

  /** Judges what the source says now; returns a drift to report, if one is found. */
  public Optional<SchemaDrift> check(SourceState source) {
    if (!source.exists()) {
      return Optional.empty();
    }
    Optional<SchemaDrift> mismatch = schemaCheck(source, source.readAtNanos());
    return mismatch.isPresent() ? mismatch : stallCheck(source, source.readAtNanos());
  }

  private Optional<SchemaDrift> schemaCheck(SourceState source, long now) {
    Optional<SchemaDifference> difference =
        announced == null ? Optional.empty() : SchemaDifference.of(announced, source.columns());
    if (difference.isEmpty()) {
      suspected = null;
      return Optional.empty();
    }
    if (announced.equals(reported)) {
      return Optional.empty();
    }
    if (source.createTime() != null
        && announced.equals(lastEventSchema)
        && lastEventTime.getEpochSecond() > source.createTime()) {
      return mismatch(
          difference.get(),
          source,
          "changes committed after the source's last ALTER TABLE ("
              + Instant.ofEpochSecond(source.createTime())
              + ") arrive under MaxScale's schema");
    }
    String pendingRuledOut = pendingRuledOut(source);
    if (pendingRuledOut == null) {
      suspected = null; // a schema version on its way explains it
      return Optional.empty();
    }
    if (!announced.equals(suspected) || busy > 0 || events != eventsAtSuspicion || disconnected) {
      suspected = announced; // (again) from now: a stream still delivering may be catching up
      suspectedSinceNanos = now;
      eventsAtSuspicion = events;
      return Optional.empty();
    }
    if (now - suspectedSinceNanos < intervalNanos) {
      return Optional.empty();
    }
    return mismatch(
        difference.get(),
        source,
        pendingRuledOut
            + ", and no change has arrived for "
            + Causes.text(Duration.ofNanos(now - lastEventNanos)));
  }

  // Why no schema version on its way can explain the difference, or null if one can.
  private String pendingRuledOut(SourceState source) {
    if (announcedMidStream && events == eventsAtAnnouncement) {
      return "MaxScale started schema version "
          + announced.version()
          + " in the middle of the stream but sent none of its changes (it starts a version"
          + " for a row that uses it)";
    }
    if (source.createTime() != null
        && source.updateTime() != null
        && source.updateTime() > source.createTime()) {
      return "the source table was written at "
          + Instant.ofEpochSecond(source.updateTime())
          + ", after its last ALTER TABLE ("
          + Instant.ofEpochSecond(source.createTime())
          + ")";
    }
    return null;
  }

  private Optional<SchemaDrift> mismatch(SchemaDifference d, SourceState source, String why) {
    reported = announced;
    suspected = null;
    stallReported = true; // the same silence: said once
    return Optional.of(
        new SchemaDrift(
            SchemaDrift.Kind.SCHEMA_MISMATCH,
            table,
            announced.version(),
            SchemaDifference.describe(announced),
            SchemaDifference.describe(source.columns()),
            d.text() + "; " + why,
            d.isRename() ? Causes.rename(d.renamedFrom(), d.renamedTo()) : Causes.mismatch()));
  }

  // a local time on the source's clock, in microseconds since the epoch
  private static long sourceMicros(SourceState source, long nanos) {
    return source.sourceNowMicros() - (source.readAtNanos() - nanos) / 1000;
  }

  private Optional<SchemaDrift> stallCheck(SourceState source, long now) {
    if (stallNanos == 0 || source.updateTime() == null || stallReported) {
      return Optional.empty();
    }
    if (busy > 0) {
      firstUnseenWriteMicros = null; // a listener still works on the stream: it is not stalled
      return Optional.empty();
    }
    // the last delivery on the source's clock; UPDATE_TIME is cut to the second, so a write it
    // shows later than that was committed after it. An ALTER TABLE sets UPDATE_TIME too: a write
    // in the second of the last one may be that ALTER, which sends nothing.
    long lastEventMicros = sourceMicros(source, lastEventNanos);
    long writtenMicros = source.updateTime() * 1_000_000L;
    boolean afterAlter = source.createTime() == null || source.updateTime() > source.createTime();
    if (firstUnseenWriteMicros == null && writtenMicros > lastEventMicros && afterAlter) {
      firstUnseenWriteMicros = writtenMicros;
    }
    // waited since that write, or since the listener last returned if it worked longer
    long waitedFrom =
        firstUnseenWriteMicros == null
            ? 0
            : Math.max(firstUnseenWriteMicros, sourceMicros(source, lastCallEndNanos));
    if (firstUnseenWriteMicros == null
        || source.sourceNowMicros() - waitedFrom < stallNanos / 1000) {
      return Optional.empty();
    }
    stallReported = true;
    Optional<SchemaDifference> difference =
        announced == null ? Optional.empty() : SchemaDifference.of(announced, source.columns());
    Duration quiet = Duration.ofNanos(now - lastEventNanos);
    String finding =
        "the source table was written at "
            + Instant.ofEpochSecond(firstUnseenWriteMicros / 1_000_000L)
            + (source.updateTime() * 1_000_000L > firstUnseenWriteMicros
                ? " and last at " + Instant.ofEpochSecond(source.updateTime())
                : "")
            + ", but MaxScale has sent no change of it for "
            + Causes.text(quiet)
            + (events == 0 ? " (none since watching started)" : "")
            + difference.map(d -> "; " + d.text()).orElse("");
    return Optional.of(
        new SchemaDrift(
            SchemaDrift.Kind.STALLED,
            table,
            announced == null ? 0 : announced.version(),
            announced == null ? List.of() : SchemaDifference.describe(announced),
            SchemaDifference.describe(source.columns()),
            finding,
            Causes.stall(
                difference.orElse(null),
                disconnected ? Duration.ofNanos(now - disconnectedSinceNanos) : null)));
  }
}
