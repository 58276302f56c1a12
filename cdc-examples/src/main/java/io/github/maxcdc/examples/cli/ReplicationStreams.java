package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.jdbc.TableMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The streams of one {@code replicate} run: per table a {@link CdcClient} (its own connection,
 * reader thread and position) feeding a {@link JdbcSink} (its own target connection and checkpoint
 * row, {@code source->target}). They start together; the first failure stops them all, then each
 * sink commits what its client delivered, so that a new run resumes every stream exactly.
 *
 * <p>With several streams, a failure's message starts with the stream it happened in; with one, it
 * is the failure's own. Thread-safety: {@link #stop()} from any thread (the shutdown hook), the
 * rest from the command's thread.
 */
final class ReplicationStreams {
  /** How long each wait for one stream lasts before the next stream is looked at. */
  private static final Duration POLL = Duration.ofMillis(100);

  /** What runs on a built sink before its stream starts (the initial copy). */
  @FunctionalInterface
  interface BeforeStream {
    /** Works with {@code sink} before it is attached to its client. */
    void run(JdbcSink sink) throws Exception;
  }

  /** What is put between a stream's client and its sink once attached (the schema watch). */
  @FunctionalInterface
  interface Observer {
    /** {@code attached}, the builder of {@code sink}'s client, with what observes the stream. */
    CdcClient.Builder observe(TableMapping mapping, JdbcSink sink, CdcClient.Builder attached);
  }

  /** What a stream is made of before it is opened. */
  record Plan(
      TableMapping mapping,
      JdbcSink.Builder sink,
      CdcClient.Builder client,
      BeforeStream beforeStream) {}

  /** One table's stream. */
  record Stream(TableMapping mapping, JdbcSink sink, CdcClient client) {
    String name() {
      return ReplicationStreams.name(mapping);
    }
  }

  /** The name of {@code mapping}'s stream: {@code source -> target}. */
  static String name(TableMapping mapping) {
    return mapping.source() + " -> " + mapping.target();
  }

  private final List<Stream> streams;
  private final boolean several;

  private ReplicationStreams(List<Stream> streams, boolean several) {
    this.streams = List.copyOf(streams);
    this.several = several;
  }

  /**
   * Builds each sink, runs what comes before its stream (a snapshot), reads its checkpoint and
   * builds its client, which starts right after it. On a failure the sinks already built are
   * closed.
   *
   * @throws Exception the failure, naming its stream when there are several
   */
  static ReplicationStreams open(List<Plan> plans) throws Exception {
    return open(plans, (mapping, sink, client) -> client);
  }

  /** Like {@link #open(List)}, each client given {@code observer}'s listeners. */
  static ReplicationStreams open(List<Plan> plans, Observer observer) throws Exception {
    boolean several = plans.size() > 1;
    List<Stream> opened = new ArrayList<>();
    for (Plan plan : plans) {
      JdbcSink sink = plan.sink().build();
      try {
        plan.beforeStream().run(sink);
        CdcClient.Builder client = sink.attach(plan.client());
        opened.add(
            new Stream(
                plan.mapping(), sink, observer.observe(plan.mapping(), sink, client).build()));
      } catch (Exception e) {
        Exception failure = named(several, plan.mapping(), e);
        for (JdbcSink built : sinksOf(opened, sink)) {
          try {
            built.close();
          } catch (SinkException closing) {
            failure.addSuppressed(closing);
          }
        }
        throw failure;
      }
    }
    return new ReplicationStreams(opened, several);
  }

  private static List<JdbcSink> sinksOf(List<Stream> opened, JdbcSink last) {
    List<JdbcSink> sinks = new ArrayList<>();
    opened.forEach(s -> sinks.add(s.sink()));
    sinks.add(last);
    return sinks;
  }

  /** The streams, in the order of the command line. */
  List<Stream> streams() {
    return streams;
  }

  /** Stream name to its sink's metrics, in the order of the command line. */
  Map<String, Supplier<SinkMetrics>> metrics() {
    Map<String, Supplier<SinkMetrics>> metrics = new LinkedHashMap<>();
    streams.forEach(s -> metrics.put(s.name(), s.sink()::metrics));
    return metrics;
  }

  /** Starts every client. */
  void start() {
    streams.forEach(s -> s.client().start());
  }

  /**
   * Waits until every stream has ended; on the first failure, stops the others.
   *
   * @return that failure (the sink's own when the sink failed), or null if all ended normally
   */
  Exception awaitEnd() throws InterruptedException {
    List<Stream> running = new ArrayList<>(streams);
    while (!running.isEmpty()) {
      for (Stream stream : List.copyOf(running)) {
        try {
          if (stream.client().awaitTermination(POLL)) {
            running.remove(stream);
          }
        } catch (CdcException e) {
          stop();
          return named(several, stream.mapping(), unwrap(e));
        }
      }
    }
    return null;
  }

  /** Stops every client (idempotent, any thread); the sinks keep what they received. */
  void stop() {
    streams.forEach(s -> s.client().close());
  }

  /**
   * Stops the clients, then closes each sink, which commits what it holds unless it failed.
   *
   * @param failure the failure that ended the run, or null
   * @return {@code failure}, or the first failure to commit if it was null (later ones suppressed)
   */
  Exception commitAll(Exception failure) {
    stop();
    for (Stream stream : streams) {
      try {
        stream.sink().close();
      } catch (SinkException e) {
        Exception named = named(several, stream.mapping(), e);
        if (failure == null) {
          failure = named;
        } else {
          failure.addSuppressed(named);
        }
      }
    }
    return failure;
  }

  /** Stream name to the changes its checkpoint counts since the stream began. */
  Map<String, Long> appliedInAll() throws Exception {
    Map<String, Long> applied = new LinkedHashMap<>();
    for (Stream stream : streams) {
      try {
        applied.put(stream.name(), stream.sink().appliedEvents());
      } catch (SinkException e) {
        throw named(several, stream.mapping(), e);
      }
    }
    return applied;
  }

  // the sink's own failure says what went wrong, where, and what to check
  private static Exception unwrap(CdcException e) {
    return e instanceof ListenerException && e.getCause() instanceof Exception cause ? cause : e;
  }

  private static Exception named(boolean several, TableMapping mapping, Exception e) {
    return several ? new StreamFailure(mapping, e) : e;
  }

  /** The failure of one stream among several, its message starting with the stream's name. */
  static final class StreamFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StreamFailure(TableMapping mapping, Exception cause) {
      super(
          "the stream of "
              + mapping.source()
              + " to "
              + mapping.target()
              + " failed: "
              + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
          cause);
    }
  }
}
