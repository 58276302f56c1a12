package io.github.maxcdc.internal.source;

import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.internal.transport.Connection;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The records of one CDC connection: socket reads feed the decoder, decoded items wait in a queue
 * bounded by what one read can hold (64 KiB of stream), and nothing more is read until the queue is
 * drained, so a slow consumer slows the socket (TCP back-pressure). Read by one thread; {@link
 * #close()} from any.
 */
final class CdcProtocolStream implements SourceStream {
  private static final int READ_SIZE = 64 * 1024;

  private final Connection connection;
  private final ArrayDeque<SourceItem> queue = new ArrayDeque<>();
  private final byte[] readBuffer = new byte[READ_SIZE];
  private StreamDecoder decoder;
  private volatile long bytes; // written by the reader thread only

  CdcProtocolStream(Connection connection) {
    this.connection = connection;
  }

  void start(StreamDecoder decoder, byte[] leftover) throws IOException {
    this.decoder = decoder;
    if (leftover.length > 0) {
      decoder.feed(leftover, 0, leftover.length);
    }
  }

  void enqueue(SourceItem item) {
    queue.add(item);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a zero timeout, decodes what has already arrived on the socket without waiting for
   * more.
   */
  @Override
  public SourceItem next(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (queue.isEmpty()) {
      long left = deadline - System.nanoTime();
      // past the deadline (or with a zero timeout), bytes already received are still read: the
      // caller learns whether a record is ready without waiting
      if (left <= 0 && connection.available() == 0) {
        return null;
      }
      int n =
          connection.read(readBuffer, 0, readBuffer.length, Duration.ofNanos(Math.max(1, left)));
      if (n == Connection.EOF) {
        throw ended();
      }
      if (n > 0) {
        bytes += n;
        decoder.feed(readBuffer, 0, n);
      }
    }
    return queue.poll();
  }

  /**
   * Caught up when no decoded record waits in the queue, the decoder holds no part of one (MaxScale
   * writes JSON row by row, so a partial row means the rest is on its way) and no byte waits in the
   * socket's receive buffer.
   */
  @Override
  public boolean caughtUp() {
    return queue.isEmpty() && !decoder.midRecord() && connection.available() == 0;
  }

  private ConnectionClosedException ended() {
    if (connection.isClosed()) {
      return new ConnectionClosedException("the stream was closed", false, null);
    }
    boolean mid = decoder.midRecord();
    return new ConnectionClosedException(
        connection.server()
            + " closed the connection"
            + (mid
                ? " in the middle of a record (at stream byte "
                    + decoder.offset()
                    + "); the incomplete record was dropped"
                : " (at stream byte " + decoder.offset() + ", between records)"),
        mid,
        null);
  }

  @Override
  public long bytesRead() {
    return bytes;
  }

  @Override
  public void close() {
    connection.close();
  }
}
