package io.github.maxcdc.internal.decode;

import io.github.maxcdc.position.Gtid;

/**
 * The GTID of the previous row, handed out again while the rows of one transaction follow: every
 * row of a transaction carries the same three numbers, and one shared object saves an allocation
 * and a validation per row. Not thread-safe: owned by one decoder.
 */
public final class GtidCache {
  private Gtid last;

  /** The GTID of these numbers: the previous one if it has them. */
  public Gtid of(long domain, long serverId, long sequence) {
    Gtid g = last;
    if (g == null || g.sequence() != sequence || g.serverId() != serverId || g.domain() != domain) {
      g = Gtid.of(domain, serverId, sequence);
      last = g;
    }
    return g;
  }
}
