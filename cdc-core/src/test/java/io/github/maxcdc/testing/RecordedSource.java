package io.github.maxcdc.testing;

import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.internal.decode.avro.AvroStreamDecoder;
import io.github.maxcdc.internal.decode.json.JsonStreamDecoder;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChangeSource} that serves a recorded stream through the real decoders, in small chunks,
 * then stays silent (like MaxScale at the end of its data) or, if asked, ends as if the server had
 * closed the connection.
 */
public final class RecordedSource implements ChangeSource {
  private final byte[] stream;
  private final StreamFormat format;
  private final int firstVersion;
  private final boolean closeAtEnd;

  /** Number of streams opened. */
  public final AtomicInteger opened = new AtomicInteger();

  public RecordedSource(
      String recording, StreamFormat format, int firstVersion, boolean closeAtEnd) {
    this.stream = Fixtures.stream(recording);
    this.format = format;
    this.firstVersion = firstVersion;
    this.closeAtEnd = closeAtEnd;
  }

  @Override
  public SourceStream open(SourceRequest request) {
    opened.incrementAndGet();
    return new Stream(request.table());
  }

  @Override
  public String describe() {
    return "recording (" + format + ")";
  }

  private final class Stream implements SourceStream {
    private final ArrayDeque<SourceItem> queue = new ArrayDeque<>();
    private final StreamDecoder decoder;
    private final CountDownLatch closed = new CountDownLatch(1);
    private int fed;

    Stream(TableId table) {
      DecodeContext context = new DecodeContext(table, "recording", 1 << 20);
      decoder =
          format == StreamFormat.JSON
              ? new JsonStreamDecoder(context, queue::add)
              : new AvroStreamDecoder(
                  context, queue::add, Decoded.snapshotResolver(table), firstVersion);
    }

    @Override
    public SourceItem next(Duration timeout) throws IOException {
      while (queue.isEmpty()) {
        if (closed.getCount() == 0) {
          throw new ConnectionClosedException("the stream was closed", false, null);
        }
        if (fed == stream.length) {
          if (closeAtEnd) {
            throw new ConnectionClosedException("recording ended", decoder.midRecord(), null);
          }
          try {
            closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        }
        int n = Math.min(97, stream.length - fed);
        decoder.feed(stream, fed, n);
        fed += n;
      }
      return queue.poll();
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
