package io.github.maxcdc.archive;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.Gtid;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Which changes of an archive a replay applies: from a GTID (inclusive: its domain's first change
 * at or after it) or a UTC day (its first change committed that day or later), to a GTID
 * (inclusive) or a UTC day (through that day). Replay stops at the first change after the end.
 * Immutable.
 */
public final class ReplayRange {
  /** Every change. */
  public static final ReplayRange ALL = new ReplayRange(null, null, null, null);

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Gtid fromGtid;
  private final LocalDate fromDay;
  private final Gtid toGtid;
  private final LocalDate toDay;

  private ReplayRange(Gtid fromGtid, LocalDate fromDay, Gtid toGtid, LocalDate toDay) {
    this.fromGtid = fromGtid;
    this.fromDay = fromDay;
    this.toGtid = toGtid;
    this.toDay = toDay;
  }

  /**
   * Parses the bounds, each a GTID ({@code 0-1-42}) or a day ({@code 2026-11-24}), or null for no
   * bound.
   *
   * @throws IllegalArgumentException naming the bound that is neither
   */
  public static ReplayRange parse(String from, String to) {
    Object start = from == null ? null : bound(from, "from");
    Object end = to == null ? null : bound(to, "to");
    return new ReplayRange(
        start instanceof Gtid g ? g : null,
        start instanceof LocalDate d ? d : null,
        end instanceof Gtid g ? g : null,
        end instanceof LocalDate d ? d : null);
  }

  private static Object bound(String text, String name) {
    try {
      return DAY.matcher(text).matches() ? LocalDate.parse(text) : Gtid.parse(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + ": expected a GTID (e.g. 0-1-42) or a UTC day (e.g. 2026-11-24), got '"
              + text
              + "'");
    }
  }

  /**
   * Whether a day file holds nothing at or after the start (its changes are of that day or before).
   */
  boolean skipsDay(LocalDate fileDay) {
    return fromDay != null && fileDay.isBefore(fromDay);
  }

  /**
   * Whether a day file starts after the end, so that neither it nor any later file is needed: the
   * first change of a day file is always committed on its day.
   *
   * @param first the position of its first change, if the manifest lists it, else null
   */
  boolean startsPastEnd(LocalDate fileDay, io.github.maxcdc.position.StreamPosition first) {
    if (toDay != null) {
      return fileDay.isAfter(toDay);
    }
    return toGtid != null
        && first != null
        && first.gtid().sameDomain(toGtid)
        && Long.compareUnsigned(first.gtid().sequence(), toGtid.sequence()) > 0;
  }

  /** Whether {@code event} is at or after the start. */
  boolean reachesStart(ChangeEvent event) {
    if (fromGtid != null) {
      return event.gtid().sameDomain(fromGtid)
          && Long.compareUnsigned(event.gtid().sequence(), fromGtid.sequence()) >= 0;
    }
    return fromDay == null || !ArchiveLayout.dayOf(event.timestamp()).isBefore(fromDay);
  }

  /** Whether {@code event} is after the end. */
  boolean isPastEnd(ChangeEvent event) {
    if (toGtid != null) {
      return event.gtid().sameDomain(toGtid)
          && Long.compareUnsigned(event.gtid().sequence(), toGtid.sequence()) > 0;
    }
    return toDay != null && ArchiveLayout.dayOf(event.timestamp()).isAfter(toDay);
  }

  /** The range in words, e.g. {@code from 0-1-42 to the end}, as the replay command prints it. */
  @Override
  public String toString() {
    Object from = fromGtid != null ? fromGtid : fromDay;
    Object to = toGtid != null ? toGtid : toDay;
    return "from " + (from == null ? "the start" : from) + " to " + (to == null ? "the end" : to);
  }
}
