package io.github.maxcdc.testkit.internal.server;

/**
 * A connection at a moment when its session had nothing more to write: it had handled everything
 * the client sent and every wake-up, or was stalled by a fault, or had ended. Immutable.
 *
 * @param bytesWritten every byte written to the client so far, handshake replies included
 * @param closed whether the server side had closed the connection
 */
public record Quiet(long bytesWritten, boolean closed) {}
