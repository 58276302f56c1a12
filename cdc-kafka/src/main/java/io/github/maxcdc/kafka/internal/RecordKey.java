package io.github.maxcdc.kafka.internal;

import io.github.maxcdc.position.Gtid;
import java.nio.charset.StandardCharsets;

/**
 * The key KafkaCDC gives a record: the bare GTID ({@code 0-1-12}) for a schema record, {@code
 * GTID:event_number} ({@code 0-1-10:2}) for a row. Records of one domain order by sequence, then
 * event number, a schema record (event 0) before the rows of its GTID.
 *
 * @param gtid the GTID
 * @param eventNumber the row's event number, 0 for a schema record
 */
public record RecordKey(Gtid gtid, int eventNumber) implements Comparable<RecordKey> {

  /** Whether this key is a schema record's. */
  public boolean isSchema() {
    return eventNumber == 0;
  }

  /**
   * Parses a record's key.
   *
   * @throws IllegalArgumentException if it is not a KafkaCDC key, with what was expected
   */
  public static RecordKey parse(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException(
          "the record has no key; KafkaCDC keys every record with its GTID");
    }
    String text = new String(key, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    try {
      Gtid gtid = Gtid.parse(colon < 0 ? text : text.substring(0, colon));
      if (colon < 0) {
        return new RecordKey(gtid, 0);
      }
      int event = Integer.parseInt(text.substring(colon + 1));
      if (event < 1) {
        throw new NumberFormatException("event number " + event);
      }
      return new RecordKey(gtid, event);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the key '"
              + RecordKeyText.of(key)
              + "' is not KafkaCDC's (a GTID such as 0-1-12, or GTID:event_number such as"
              + " 0-1-10:2)",
          e);
    }
  }

  /** Same domain: by sequence then event number; other domains: by domain (no true order). */
  @Override
  public int compareTo(RecordKey o) {
    int c = Long.compare(gtid.domain(), o.gtid.domain());
    if (c != 0) {
      return c;
    }
    c = Long.compare(gtid.sequence(), o.gtid.sequence());
    return c != 0 ? c : Integer.compare(eventNumber, o.eventNumber);
  }

  /** Whether both keys are of one domain, so that their order is the source's. */
  public boolean sameDomain(RecordKey o) {
    return gtid.domain() == o.gtid.domain();
  }

  @Override
  public String toString() {
    return eventNumber == 0 ? gtid.toString() : gtid + ":" + eventNumber;
  }
}
