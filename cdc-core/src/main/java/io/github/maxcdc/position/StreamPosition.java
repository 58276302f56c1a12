package io.github.maxcdc.position;

import java.util.Objects;

/**
 * The position of a change inside a table's stream: the GTID of its transaction and the event
 * number (1-based, as MaxScale numbers row events inside a transaction) of the last stream record
 * the change is made of (an update is two records, {@code update_before} and {@code update_after};
 * its position is the second).
 *
 * <p>This is what a consumer stores after applying a change and gives back through {@link
 * StartPosition#after(StreamPosition)} to resume exactly after it. {@link #parse(String)} and
 * {@link #toString()} round-trip ({@code 0-1-9:6}).
 *
 * <p>A source that can seek (a Kafka topic) adds where it read the change: {@link #sourceOffset()},
 * text only that source reads back (for a topic, the next offset of each partition). A consumer
 * stores it with the position and the source starts there instead of at the beginning. It is not
 * part of the text form.
 *
 * @param gtid the transaction, not null
 * @param eventNumber event number of the change's last record, at least 1
 * @param sourceOffset where the source resumes right after this change, or null when it has none
 */
public record StreamPosition(Gtid gtid, int eventNumber, String sourceOffset) {

  /** Validates the components. */
  public StreamPosition {
    Objects.requireNonNull(gtid, "gtid");
    if (eventNumber < 1) {
      throw new IllegalArgumentException("eventNumber must be at least 1, got " + eventNumber);
    }
  }

  /** A position without a source offset. */
  public StreamPosition(Gtid gtid, int eventNumber) {
    this(gtid, eventNumber, null);
  }

  /** This position with {@code sourceOffset} (null for none) instead of its own. */
  public StreamPosition withSourceOffset(String sourceOffset) {
    return new StreamPosition(gtid, eventNumber, sourceOffset);
  }

  /**
   * Parses {@code domain-server_id-sequence:event_number}, e.g. {@code 0-1-9:6}.
   *
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static StreamPosition parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "expected a stream position as GTID:event_number (e.g. 0-1-9:6), got '" + text + "'");
    }
    Gtid gtid = Gtid.parse(text.substring(0, colon));
    String number = text.substring(colon + 1);
    try {
      return new StreamPosition(gtid, Integer.parseInt(number));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "stream position '" + text + "': event number '" + number + "' is not a number", e);
    }
  }

  /**
   * Whether a change at ({@code otherGtid}, last record {@code otherEventNumber}) comes after this
   * position in the same domain: a later transaction, or a later record of the same one.
   */
  public boolean isBefore(Gtid otherGtid, int otherEventNumber) {
    if (!gtid.sameDomain(otherGtid)) {
      return false;
    }
    int bySequence = Long.compareUnsigned(otherGtid.sequence(), gtid.sequence());
    return bySequence > 0 || (bySequence == 0 && otherEventNumber > eventNumber);
  }

  /**
   * Returns {@code GTID:event_number}, the form {@link #parse(String)} reads (without the source
   * offset).
   */
  @Override
  public String toString() {
    return gtid + ":" + eventNumber;
  }
}
