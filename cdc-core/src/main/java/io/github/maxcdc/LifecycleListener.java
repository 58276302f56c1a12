package io.github.maxcdc;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StreamPosition;

/**
 * Receives what happens to a stream besides its changes: connection, schema versions, warnings, the
 * end. Every method has a no-op default.
 *
 * <p>Threading: called on the client's reader thread, except {@link #onClosed(TableId, Throwable)}
 * which may run on the thread that called {@code close()}. Exceptions thrown here are logged and
 * otherwise ignored: a lifecycle listener cannot stop the stream.
 */
public interface LifecycleListener {

  /** The handshake succeeded and the server accepted the request for {@code table}. */
  default void onConnected(TableId table, String server) {}

  /**
   * A schema version starts (the first one included): the following events follow {@code schema}.
   * {@code previous} is null for the first.
   */
  default void onSchema(TableSchema previous, TableSchema schema) {}

  /**
   * The client is skipping changes it must not deliver (before the start position) and has reached
   * the end of what the server has sent so far without finding the start position: if the position
   * never appears (another server id or domain) the stream stays silent. {@code message} says what
   * was asked and the positions seen.
   */
  default void onStartPositionNotFound(TableId table, String message) {}

  /** The first change at or after the start position was delivered at {@code position}. */
  default void onStartPositionReached(TableId table, StreamPosition position) {}

  /** A condition worth a person's attention that does not stop the stream. */
  default void onWarning(TableId table, String message) {}

  /** The connection ended; {@code cause} is why (null after {@code close()} or idle stop). */
  default void onDisconnected(TableId table, Throwable cause) {}

  /**
   * The client will reconnect in {@code delay} (attempt {@code attempt} in a row) because of {@code
   * cause}.
   */
  default void onReconnectScheduled(
      TableId table, int attempt, java.time.Duration delay, Throwable cause) {}

  /**
   * A new connection resumes the stream right after {@code position} (null: from the client's start
   * position).
   */
  default void onResumed(TableId table, StreamPosition position) {}

  /** The client terminated; {@code failure} is null for a normal end. Called once. */
  default void onClosed(TableId table, Throwable failure) {}
}
