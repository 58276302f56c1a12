package io.github.maxcdc.testkit.internal.server;

import io.github.maxcdc.testkit.internal.session.SessionOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket output of one connection, applying its {@link FaultPlan} to the data stream. Writes
 * come from the session thread only; {@link #close()} may come from any thread and unblocks a stall
 * or a blocked write.
 */
final class FaultingOutput implements SessionOutput {
  private static final Logger LOG = LoggerFactory.getLogger(FaultingOutput.class);

  private final Socket socket;
  private final OutputStream os;
  private final FaultPlan fault;
  private final ConnectionActivity activity;
  private final String label;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  // Session thread only:
  private long streamedBytes;
  private long streamedRows;
  private boolean triggered;

  FaultingOutput(Socket socket, FaultPlan fault, ConnectionActivity activity, String label)
      throws IOException {
    this.socket = socket;
    this.os = socket.getOutputStream();
    this.fault = fault;
    this.activity = activity;
    this.label = label;
  }

  @Override
  public void handshake(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  @Override
  public void stream(byte[] bytes, int rows) throws IOException {
    if (isClosed()) {
      return;
    }
    boolean reachesThreshold =
        !triggered && fault.countsBytes() && streamedBytes + bytes.length >= fault.threshold();
    if (reachesThreshold) {
      // Send up to the threshold, misbehave, then send the rest (unless the fault closed).
      int head = (int) (fault.threshold() - streamedBytes);
      write(bytes, 0, head);
      streamedBytes += head;
      triggered = true;
      applyByteFault();
      if (isClosed()) {
        return;
      }
      write(bytes, head, bytes.length - head);
      streamedBytes += bytes.length - head;
    } else {
      write(bytes, 0, bytes.length);
      streamedBytes += bytes.length;
    }
    streamedRows += rows;
    if (!triggered
        && fault.type() == FaultPlan.Type.CLOSE_AFTER_ROWS
        && streamedRows >= fault.threshold()) {
      triggered = true;
      LOG.debug("{}: fault: closing after {} rows", label, streamedRows);
      close();
    }
  }

  private void applyByteFault() throws IOException {
    switch (fault.type()) {
      case CLOSE_AFTER_BYTES -> {
        LOG.debug("{}: fault: closing after {} bytes", label, streamedBytes);
        close();
      }
      case GARBAGE_AFTER_BYTES -> {
        LOG.debug(
            "{}: fault: {} garbage bytes after {} bytes",
            label,
            fault.garbage().length,
            streamedBytes);
        byte[] garbage = fault.garbage();
        write(garbage, 0, garbage.length);
      }
      default -> stall();
    }
  }

  private void stall() {
    LOG.debug(
        "{}: fault: stalling after {} bytes for {}",
        label,
        streamedBytes,
        fault.stall() == null ? "ever" : fault.stall());
    activity.stalled(true);
    try {
      if (fault.stall() == null) {
        closedLatch.await();
      } else {
        closedLatch.await(fault.stall().toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    } finally {
      activity.stalled(false);
    }
  }

  private void write(byte[] bytes, int off, int len) throws IOException {
    if (len <= 0 || isClosed()) {
      return;
    }
    os.write(bytes, off, len);
    os.flush();
    activity.wrote(len);
  }

  @Override
  public void close() {
    closedLatch.countDown();
    activity.closed();
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("{}: close failed", label, e);
    }
  }

  @Override
  public boolean isClosed() {
    return closedLatch.getCount() == 0;
  }
}
