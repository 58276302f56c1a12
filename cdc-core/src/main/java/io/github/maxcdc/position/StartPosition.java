package io.github.maxcdc.position;

import java.util.Objects;

/**
 * Where a stream starts: from the beginning of the table's history, at a GTID (inclusive, like
 * MaxScale's own seek) or right after a stored {@link StreamPosition} (exclusive, to resume).
 *
 * <p>The client enforces the start position itself in both formats: MaxScale ignores the GTID in
 * AVRO mode, and its JSON seek needs an exact server id match. See {@code CdcClient} for how
 * skipping is reported.
 */
public sealed interface StartPosition
    permits StartPosition.Beginning, StartPosition.AtGtid, StartPosition.After {

  /** From the first change MaxScale has for the table. */
  static StartPosition beginning() {
    return Beginning.INSTANCE;
  }

  /**
   * From the first change of transaction {@code gtid}, or of the first later transaction of its
   * domain if that one did not touch the table (inclusive, like MaxScale).
   */
  static StartPosition atGtid(Gtid gtid) {
    return new AtGtid(gtid);
  }

  /** Right after {@code position}: the next change, even inside the same transaction. */
  static StartPosition after(StreamPosition position) {
    return new After(position);
  }

  /**
   * Parses {@code beginning}, a GTID ({@code 0-1-7}, inclusive) or {@code after:GTID:event} (e.g.
   * {@code after:0-1-9:6}).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  static StartPosition parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("beginning")) {
      return beginning();
    }
    if (text.startsWith("after:")) {
      return after(StreamPosition.parse(text.substring("after:".length())));
    }
    return atGtid(Gtid.parse(text));
  }

  /** Start from the beginning of the table's history. */
  enum Beginning implements StartPosition {
    /** The only instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "beginning";
    }
  }

  /**
   * Start at a GTID, inclusive.
   *
   * @param gtid the first transaction wanted, not null
   */
  record AtGtid(Gtid gtid) implements StartPosition {
    /** Validates the component. */
    public AtGtid {
      Objects.requireNonNull(gtid, "gtid");
    }

    @Override
    public String toString() {
      return gtid.toString();
    }
  }

  /**
   * Start right after a position, exclusive.
   *
   * @param position the last change already consumed, not null
   */
  record After(StreamPosition position) implements StartPosition {
    /** Validates the component. */
    public After {
      Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
      return "after:" + position;
    }
  }
}
