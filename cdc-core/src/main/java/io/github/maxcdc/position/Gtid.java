package io.github.maxcdc.position;

import java.util.Objects;

/**
 * A MariaDB global transaction id, {@code domain-server_id-sequence}, as MaxScale reports it on
 * every row of a change stream.
 *
 * <p>Immutable value type: {@link #parse(String)} and {@link #toString()} round-trip. Domain and
 * server id are unsigned 32-bit numbers, the sequence an unsigned 64-bit number (held in a {@code
 * long}; MaxScale itself stores it in a 32-bit Avro {@code int}, see the README's quirks table).
 *
 * <p>Ordering: within one replication domain, sequence numbers grow with commit order whatever the
 * server id (a new primary continues the sequence after a failover), so {@link
 * #isAfterInDomain(Gtid)} compares sequences only. GTIDs of different domains are not ordered.
 *
 * <p>Thread-safe.
 */
public final class Gtid {
  private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

  private final long domain;
  private final long serverId;
  private final long sequence;

  private Gtid(long domain, long serverId, long sequence) {
    this.domain = domain;
    this.serverId = serverId;
    this.sequence = sequence;
  }

  /**
   * Creates a GTID.
   *
   * @param domain replication domain, 0 to 4294967295
   * @param serverId server id, 0 to 4294967295
   * @param sequence sequence number, any value read as unsigned 64-bit
   * @throws IllegalArgumentException if domain or server id is out of range
   */
  public static Gtid of(long domain, long serverId, long sequence) {
    if (domain < 0 || domain > UNSIGNED_INT_MAX) {
      throw new IllegalArgumentException("domain must be between 0 and 4294967295, got " + domain);
    }
    if (serverId < 0 || serverId > UNSIGNED_INT_MAX) {
      throw new IllegalArgumentException(
          "serverId must be between 0 and 4294967295, got " + serverId);
    }
    return new Gtid(domain, serverId, sequence);
  }

  /**
   * Parses {@code domain-server_id-sequence}, e.g. {@code 0-1-42}.
   *
   * @param text the GTID text, not null
   * @return the GTID
   * @throws IllegalArgumentException if the text is not three unsigned decimal numbers separated by
   *     {@code -}, or a number is out of range
   */
  public static Gtid parse(String text) {
    Objects.requireNonNull(text, "text");
    int first = text.indexOf('-');
    int second = first < 0 ? -1 : text.indexOf('-', first + 1);
    if (first <= 0 || second <= first + 1 || second == text.length() - 1) {
      throw new IllegalArgumentException(
          "expected a GTID as domain-server_id-sequence (e.g. 0-1-42), got '"
              + excerpt(text)
              + "'");
    }
    long domain = parseUnsigned(text, 0, first, "domain", false);
    long serverId = parseUnsigned(text, first + 1, second, "server_id", false);
    long sequence = parseUnsigned(text, second + 1, text.length(), "sequence", true);
    return new Gtid(domain, serverId, sequence);
  }

  private static long parseUnsigned(String text, int from, int to, String what, boolean wide) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            "expected a GTID as domain-server_id-sequence (e.g. 0-1-42), got '"
                + excerpt(text)
                + "': "
                + what
                + " is not an unsigned decimal number");
      }
    }
    try {
      long value = Long.parseUnsignedLong(text.substring(from, to));
      if (!wide && Long.compareUnsigned(value, UNSIGNED_INT_MAX) > 0) {
        throw new IllegalArgumentException(
            "GTID '" + excerpt(text) + "': " + what + " is above 4294967295");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "GTID '" + excerpt(text) + "': " + what + " is above 18446744073709551615", e);
    }
  }

  private static String excerpt(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  /** Replication domain id, 0 to 4294967295. */
  public long domain() {
    return domain;
  }

  /** Id of the server that committed the transaction, 0 to 4294967295. */
  public long serverId() {
    return serverId;
  }

  /** Sequence number; compare with {@link Long#compareUnsigned(long, long)}. */
  public long sequence() {
    return sequence;
  }

  /** Whether {@code other} is in the same replication domain. */
  public boolean sameDomain(Gtid other) {
    return domain == other.domain;
  }

  /**
   * Whether this GTID was committed after {@code other}: same domain and a larger sequence.
   *
   * @throws IllegalArgumentException if the domains differ (no order exists across domains)
   */
  public boolean isAfterInDomain(Gtid other) {
    if (!sameDomain(other)) {
      throw new IllegalArgumentException(
          "GTIDs of different domains are not ordered: " + this + " and " + other);
    }
    return Long.compareUnsigned(sequence, other.sequence) > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gtid g
        && g.domain == domain
        && g.serverId == serverId
        && g.sequence == sequence;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(domain) * 961 + Long.hashCode(serverId) * 31 + Long.hashCode(sequence);
  }

  /** Returns {@code domain-server_id-sequence}, the form {@link #parse(String)} reads. */
  @Override
  public String toString() {
    return domain + "-" + serverId + "-" + Long.toUnsignedString(sequence);
  }
}
