package io.github.maxcdc.testkit.internal.server;

import java.util.Optional;

/**
 * What one connection has done so far, so that a test can wait until its session is quiet: the
 * session has taken every byte the client sent, handled every message and wake-up, and waits for
 * new data; or it is stalled by a fault; or it has ended. Thread-safe: updated by the connection's
 * reader and session threads and by the server's wake-ups, awaited by tests.
 */
final class ConnectionActivity {
  // All guarded by this.
  private long bytesRead; // from the client, counted once queued for the session
  private long bytesWritten;
  private long eventsQueued; // messages and wake-ups
  private long eventsHandled;
  private boolean opened;
  private boolean stalled;
  private boolean closed;
  private boolean ended;

  /** An event is about to be queued for the session. */
  synchronized void queuing() {
    eventsQueued++;
  }

  /** The event announced by {@link #queuing()} was dropped. */
  synchronized void notQueued() {
    eventsQueued--;
    notifyAll();
  }

  /** A message of {@code bytes} bytes from the client was queued. */
  synchronized void received(int bytes) {
    bytesRead += bytes;
    notifyAll();
  }

  /** The session has opened: it now waits for events. */
  synchronized void opened() {
    opened = true;
    notifyAll();
  }

  /** The session has handled an event. */
  synchronized void handled() {
    eventsHandled++;
    notifyAll();
  }

  /** {@code bytes} bytes were written to the client. */
  synchronized void wrote(int bytes) {
    bytesWritten += bytes;
  }

  /** A stall fault began or ended. */
  synchronized void stalled(boolean now) {
    stalled = now;
    notifyAll();
  }

  /** The socket was closed. */
  synchronized void closed() {
    closed = true;
    notifyAll();
  }

  /** The session has ended: it will not write again. */
  synchronized void ended() {
    ended = true;
    notifyAll();
  }

  /**
   * Waits until the session is quiet after taking {@code clientBytes} bytes from the client.
   *
   * @param clientBytes how many bytes the client has sent
   * @param deadlineNanos when to give up, on the {@link System#nanoTime()} scale
   * @return the connection when it was quiet, or empty at the deadline
   * @throws InterruptedException if the waiting thread is interrupted
   */
  synchronized Optional<Quiet> awaitQuiet(long clientBytes, long deadlineNanos)
      throws InterruptedException {
    boolean quiet =
        MonitorWait.until(
            this,
            deadlineNanos,
            () ->
                ended
                    || stalled
                    || (opened && bytesRead >= clientBytes && eventsHandled == eventsQueued));
    return quiet ? Optional.of(new Quiet(bytesWritten, closed)) : Optional.empty();
  }
}
