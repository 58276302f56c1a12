package io.github.maxcdc.internal.client;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.util.TreeSet;

/**
 * Decides which changes to deliver for a start position, whatever the server sent: MaxScale's AVRO
 * stream always starts at the beginning, its JSON seek is inclusive and needs an exact server id.
 * Once the start is reached every later change is delivered.
 *
 * <ul>
 *   <li>{@link StartPosition.AtGtid}: from the first change of the GTID's domain whose sequence is
 *       at least the GTID's (inclusive; the server id does not matter: sequences grow across
 *       servers of a domain).
 *   <li>{@link StartPosition.After}: from the first change after the position: past the exact
 *       change stored, or later in its domain.
 * </ul>
 *
 * While skipping it records what it saw, so that a start that never comes can be reported. Not
 * thread-safe.
 */
public final class PositionFilter {
  private final StartPosition start;
  private boolean started;
  private long skipped;
  private Gtid firstSeen;
  private Gtid lastSeen;
  private final TreeSet<Long> domainsSeen = new TreeSet<>();
  private final TreeSet<Long> serversSeen = new TreeSet<>();

  /** Creates a filter for {@code start}. */
  public PositionFilter(StartPosition start) {
    this.start = start;
    this.started = start instanceof StartPosition.Beginning;
  }

  /** Whether {@code event} must be delivered. */
  public boolean accept(ChangeEvent event) {
    if (started) {
      return true;
    }
    if (start instanceof StartPosition.AtGtid at) {
      Gtid g = at.gtid();
      started =
          event.gtid().sameDomain(g)
              && Long.compareUnsigned(event.gtid().sequence(), g.sequence()) >= 0;
    } else {
      StreamPosition p = ((StartPosition.After) start).position();
      if (event.gtid().equals(p.gtid()) && event.position().eventNumber() == p.eventNumber()) {
        note(event);
        started = true;
        return false; // the stored change itself: everything after it is new
      }
      started = p.isBefore(event.gtid(), event.position().eventNumber());
    }
    if (!started) {
      note(event);
    }
    return started;
  }

  private void note(ChangeEvent event) {
    skipped++;
    Gtid gtid = event.gtid();
    if (firstSeen == null) {
      firstSeen = gtid;
    }
    lastSeen = gtid;
    domainsSeen.add(gtid.domain());
    serversSeen.add(gtid.serverId());
  }

  /** Whether the start position has been reached. */
  public boolean started() {
    return started;
  }

  /** Number of changes skipped so far. */
  public long skipped() {
    return skipped;
  }

  /** What was asked and what was seen, for a warning when the start has not come. */
  public String describeWait(String table) {
    StringBuilder out = new StringBuilder("still waiting for the start position ");
    out.append(start).append(" in ").append(table).append(": ");
    if (skipped == 0) {
      out.append("no change has arrived since the request");
    } else {
      out.append(skipped)
          .append(" changes skipped so far, from ")
          .append(firstSeen)
          .append(" to ")
          .append(lastSeen)
          .append(" (domains ")
          .append(domainsSeen)
          .append(", server ids ")
          .append(serversSeen)
          .append(')');
    }
    Gtid wanted =
        start instanceof StartPosition.AtGtid at
            ? at.gtid()
            : start instanceof StartPosition.After after ? after.position().gtid() : null;
    if (wanted != null && skipped > 0 && !domainsSeen.contains(wanted.domain())) {
      out.append("; no change of domain ")
          .append(wanted.domain())
          .append(
              " has been seen: if that domain never writes this table, the stream stays silent");
    } else {
      out.append("; the stream starts with the first change at or after it");
    }
    return out.toString();
  }
}
