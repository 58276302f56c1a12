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
    /** No fault. */
    public static final FaultPlan NONE = new FaultPlan(Type.NONE, 0, null, new byte[0]);

    /** Fault types. */
    public enum Type { NONE, CLOSE_AFTER_BYTES, CLOSE_AFTER_ROWS, STALL_AFTER_BYTES, GARBAGE_AFTER_BYTES,
        REFUSE_AUTHENTICATION }

    /** Copies the garbage. */
    public FaultPlan {
        garbage = garbage.clone();
    }

    @Override
    public byte[] garbage() {
        return garbage.clone();
    }

    boolean countsBytes() {
        return type == Type.CLOSE_AFTER_BYTES || type == Type.STALL_AFTER_BYTES || type == Type.GARBAGE_AFTER_BYTES;
    }
}
