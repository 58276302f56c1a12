package io.github.maxcdc.testkit.internal.protocol;

/**
 * The GTID a session seeks to ({@code m_gtid}): three unsigned 64-bit numbers held in longs.
 * Mutable, owned by one session thread.
 */
public final class GtidPosition {
  private long domain;
  private long serverId;
  private long sequence;

  /**
   * Applies a requested GTID text like {@code extract_gtid_request}: every run of digits is read
   * with {@code strtol} and assigned to domain, server id and sequence in turn; everything else is
   * skipped, so {@code "0-1-7"}, {@code "0:1:7"} and {@code " 0 1 7"} are the same. Fields not
   * present keep their previous value. MaxScale's behaviour past a third number is undefined; it is
   * ignored here.
   *
   * @param text the GTID text, one char per byte
   */
  public void apply(String text) {
    int read = 0;
    int i = 0;
    while (i < text.length() && read < 3) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        i++;
        continue;
      }
      long value = CStrings.strtol(text, i);
      switch (read) {
        case 0 -> domain = value;
        case 1 -> serverId = value;
        default -> sequence = value;
      }
      read++;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
    }
  }

  /**
   * Sets all three fields (MaxScale's {@code set_current_gtid} after each row sent).
   *
   * @param domain domain
   * @param serverId server id
   * @param sequence sequence
   */
  public void set(long domain, long serverId, long sequence) {
    this.domain = domain;
    this.serverId = serverId;
    this.sequence = sequence;
  }

  /**
   * Returns the domain.
   *
   * @return domain
   */
  public long domain() {
    return domain;
  }

  /**
   * Returns the server id.
   *
   * @return server id
   */
  public long serverId() {
    return serverId;
  }

  /**
   * Returns the sequence.
   *
   * @return sequence
   */
  public long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(domain)
        + "-"
        + Long.toUnsignedString(serverId)
        + "-"
        + Long.toUnsignedString(sequence);
  }
}
