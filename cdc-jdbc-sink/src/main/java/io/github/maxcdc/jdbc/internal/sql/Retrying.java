package io.github.maxcdc.jdbc.internal.sql;

import io.github.maxcdc.jdbc.SinkException;

/** Runs work on the target in a transaction of its own, retrying transient failures. */
public interface Retrying {
  /**
   * Runs {@code work} and commits, retrying it on a new connection after a transient failure.
   *
   * @param what the work, for messages ("reading the checkpoint table ...")
   * @throws SinkException if it fails for good
   */
  <T> T withRetries(String what, TargetWork<T> work) throws SinkException;
}
