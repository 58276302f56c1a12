package io.github.maxcdc.jdbc.internal.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the source's rows into chunks on a thread of its own, so that the source reads the next
 * chunk while the target writes this one. At most two chunks wait (bounded memory). The thread is
 * named and a daemon; {@link #close()} stops it. Used by one consumer thread.
 */
final class ChunkReader implements AutoCloseable {
  /** Rows read, and the key of the last one. */
  record Chunk(List<Object[]> rows, List<Object> lastKey) {}

  /** Reads one row of the result set into a chunk; returns its key. */
  @FunctionalInterface
  interface RowReader {
    List<Object> read(ResultSet rs, List<Object[]> chunk) throws SQLException;
  }

  private static final Chunk END = new Chunk(List.of(), null);

  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile SQLException failure; // written by the reader thread before END

  ChunkReader(ResultSet rs, int chunkRows, RowReader reader) {
    this.thread =
        new Thread(
            () -> {
              try {
                List<Object[]> chunk = new ArrayList<>();
                List<Object> key = null;
                while (!stopped && rs.next()) {
                  key = reader.read(rs, chunk);
                  if (chunk.size() == chunkRows) {
                    put(new Chunk(chunk, key));
                    chunk = new ArrayList<>();
                  }
                }
                if (!chunk.isEmpty()) {
                  put(new Chunk(chunk, key));
                }
              } catch (SQLException e) {
                failure = e;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                stopped = true;
                queue.offer(END); // room is made by the consumer, or nobody waits any more
              }
            },
            "maxcdc-snapshot-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void put(Chunk chunk) throws InterruptedException {
    while (!stopped && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
      // wait for the writer, or for close()
    }
  }

  /** The next chunk, or null after the last one. */
  Chunk next() throws SQLException, InterruptedException {
    Chunk chunk;
    do {
      chunk = queue.poll(100, TimeUnit.MILLISECONDS);
    } while (chunk == null && (thread.isAlive() || !queue.isEmpty()));
    if (chunk == null || chunk == END) {
      if (failure != null) {
        throw failure;
      }
      return null;
    }
    return chunk;
  }

  /** Stops the reader and waits for it, boundedly. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    queue.clear();
    thread.join(10_000);
  }
}
