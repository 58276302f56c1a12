package io.github.maxcdc.jdbc.testing;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.testkit.FakeMaxScale;
import java.time.Duration;

/** A client and a sink wired together, as users do. */
public final class Pipeline implements AutoCloseable {
  public final JdbcSink sink;
  public final CdcClient client;

  private Pipeline(JdbcSink sink, CdcClient client) {
    this.sink = sink;
    this.client = client;
  }

  /**
   * Starts streaming from {@code server} into {@code sink}; stops after {@code idle} without data
   * if not null.
   */
  public static Pipeline start(
      FakeMaxScale server, StreamFormat format, JdbcSink sink, Duration idle) throws Exception {
    CdcClient.Builder builder =
        sink.attach(
            CdcClient.builder()
                .address(server.host(), server.port())
                .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                .format(format));
    if (idle != null) {
      builder.stopWhenIdle(idle);
    }
    CdcClient client = builder.build();
    client.start();
    return new Pipeline(sink, client);
  }

  /** Runs until the stream has been idle for a second; returns the sink's metrics. */
  public static SinkMetrics runToIdle(FakeMaxScale server, StreamFormat format, JdbcSink sink)
      throws Exception {
    try (Pipeline p = start(server, format, sink, Duration.ofSeconds(1))) {
      p.client.awaitTermination(Duration.ofSeconds(60));
      return sink.metrics();
    }
  }

  /**
   * Waits until the sink has committed {@code events} changes, at most 60 seconds.
   *
   * @throws AssertionError naming {@code what} and how many were committed, if it did not
   */
  public void awaitCommitted(long events, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (sink.metrics().events() < events) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what + ": " + sink.metrics().events() + " of " + events + " changes applied");
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    sink.close();
  }
}
