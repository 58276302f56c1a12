package io.github.maxcdc.testkit.internal.server;

import java.time.Duration;

/**
 * What to do wrong on one connection. Immutable.
 *
 * @param type the fault
 * @param threshold bytes (or rows) of the data stream after which it happens
 * @param stall how long to stall; null means forever
 * @param garbage bytes to inject
 */
public record FaultPlan(Type type, long threshold, Duration stall, byte[] garbage) {
  /** The plan of a connection without fault. */
  public static final FaultPlan NONE = new FaultPlan(Type.NONE, 0, null, new byte[0]);

  /** Fault types, mirroring the public {@code Fault.Type}. */
  public enum Type {
    /** No fault. */
    NONE,
    /** Close after N stream bytes. */
    CLOSE_AFTER_BYTES,
    /** Close after the write completing N rows. */
    CLOSE_AFTER_ROWS,
    /** Stall after N stream bytes. */
    STALL_AFTER_BYTES,
    /** Insert garbage after N stream bytes. */
    GARBAGE_AFTER_BYTES,
    /** Fail the authentication. */
    REFUSE_AUTHENTICATION
  }

  /**
   * Creates the record; copies the garbage.
   *
   * @param type the type
   * @param threshold the threshold
   * @param stall the stall
   * @param garbage the garbage
   */
  public FaultPlan {
    garbage = garbage.clone();
  }

  /**
   * Returns a copy of the garbage.
   *
   * @return the garbage
   */
  @Override
  public byte[] garbage() {
    return garbage.clone();
  }

  boolean countsBytes() {
    return type == Type.CLOSE_AFTER_BYTES
        || type == Type.STALL_AFTER_BYTES
        || type == Type.GARBAGE_AFTER_BYTES;
  }
}
