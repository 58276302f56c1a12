package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.kafka.KeyedTopicReader;
import io.github.maxcdc.kafka.PartitionApplier;
import io.github.maxcdc.position.StreamPosition;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code replicate} from the keyed topics of {@code maxcdc publish}: per table a {@link
 * KeyedTopicReader}. Alone, it reads every partition of the table's topic in source order into one
 * {@link JdbcSink} (source transactions applied atomically, the checkpoint holding every
 * partition's next offset). With {@code --kafka-group ID}, run N times, each instance is a member
 * of the group and applies each partition the group gives it through a sink of its own, whose
 * stream id is {@code source->target@topic-partition} and whose checkpoint holds that partition's
 * next offset: the partitions are applied in parallel, per-key order kept. The first failure stops
 * every reader; each sink commits what it received, unless it failed.
 */
final class KeyedReplication {
  private final List<TableMapping> mappings;
  private final Function<TableMapping, KeyedTopicReader.Builder> readers;
  private final Function<TableMapping, JdbcSink.Builder> sinks;
  private final String group; // null: one consumer per table
  private final PrintStream stderr;
  private final Duration progressInterval;
  private final List<KeyedTopicReader> running = new ArrayList<>();
  private final Map<String, Map<String, JdbcSink>> sinksByTable = new LinkedHashMap<>();

  KeyedReplication(
      List<TableMapping> mappings,
      Function<TableMapping, KeyedTopicReader.Builder> readers,
      Function<TableMapping, JdbcSink.Builder> sinks,
      String group,
      PrintStream stderr,
      Duration progressInterval) {
    this.mappings = List.copyOf(mappings);
    this.readers = readers;
    this.sinks = sinks;
    this.group = group;
    this.stderr = stderr;
    this.progressInterval = progressInterval;
  }

  /** Runs until every reader has ended; returns 0, or throws the first failure. */
  int run() throws Exception {
    Exception failure = null;
    ShutdownHook hook = new ShutdownHook(this::stop).install();
    ReplicationReport report = null;
    try {
      for (TableMapping mapping : mappings) {
        running.add(open(mapping));
      }
      report = ReplicationReport.start(metrics(), stderr, progressInterval);
      running.forEach(KeyedTopicReader::start);
      failure = awaitAll();
    } catch (Exception e) {
      failure = e;
    } finally {
      stop(); // a group's sinks commit and close before their member leaves the group
      failure = closeSinks(failure);
      if (report != null) {
        report.printSummary(applied());
        report.close();
      }
      hook.close();
    }
    if (failure != null) {
      throw failure;
    }
    return 0;
  }

  private KeyedTopicReader open(TableMapping mapping) throws SinkException {
    String name = name(mapping);
    Map<String, JdbcSink> opened = new ConcurrentHashMap<>();
    sinksByTable.put(name, opened);
    KeyedTopicReader.Builder reader = readers.apply(mapping);
    if (group == null) {
      JdbcSink sink = sinks.apply(mapping).build();
      opened.put(name, sink);
      return reader.listener(sink).startAt(sink.startPosition()).build();
    }
    String streamId = mapping.source() + "->" + mapping.target();
    return reader
        .group(
            group,
            (topic, partition) -> {
              String partitionName = topic + "-" + partition;
              JdbcSink sink = sinks.apply(mapping).streamId(streamId + "@" + partitionName).build();
              opened.put(partitionName, sink);
              return PartitionApplier.of(sink, sink::lastApplied);
            })
        .build();
  }

  private Exception awaitAll() throws InterruptedException {
    List<KeyedTopicReader> left = new ArrayList<>(running);
    while (!left.isEmpty()) {
      for (KeyedTopicReader reader : List.copyOf(left)) {
        try {
          if (reader.awaitTermination(Duration.ofMillis(100))) {
            left.remove(reader);
          }
        } catch (CdcException e) {
          stop();
          return e instanceof ListenerException && e.getCause() instanceof Exception cause
              ? cause
              : e;
        }
      }
    }
    return null;
  }

  private void stop() {
    running.forEach(KeyedTopicReader::close);
  }

  // closing again is a no-op; a sink that failed commits nothing
  private Exception closeSinks(Exception failure) {
    for (Map<String, JdbcSink> opened : sinksByTable.values()) {
      for (JdbcSink sink : opened.values()) {
        try {
          sink.close();
        } catch (SinkException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    return failure;
  }

  private Map<String, Supplier<SinkMetrics>> metrics() {
    Map<String, Supplier<SinkMetrics>> metrics = new LinkedHashMap<>();
    sinksByTable.forEach(
        (name, opened) ->
            metrics.put(name, () -> sum(opened.values().stream().map(JdbcSink::metrics).toList())));
    return metrics;
  }

  private Map<String, Long> applied() {
    Map<String, Long> applied = new LinkedHashMap<>();
    sinksByTable.forEach(
        (name, opened) -> {
          long n = 0;
          for (JdbcSink sink : opened.values()) {
            try {
              n += sink.appliedEvents();
            } catch (SinkException e) {
              // the summary counts what it can read; the run's failure is reported
            }
          }
          applied.put(name, n);
        });
    return applied;
  }

  private static String name(TableMapping mapping) {
    return mapping.source() + " -> " + mapping.target();
  }

  // the partitions' sinks of one table as one: counts summed, the latest position and time
  static SinkMetrics sum(List<SinkMetrics> all) {
    long[] c = new long[11];
    StreamPosition last = null;
    Instant lastSource = null;
    Instant at = Instant.now();
    for (SinkMetrics m : all) {
      c[0] += m.inserts();
      c[1] += m.updates();
      c[2] += m.deletes();
      c[3] += m.transactions();
      c[4] += m.commits();
      c[5] += m.batches();
      c[6] += m.retries();
      c[7] += m.ambiguousValues();
      c[8] += m.missingRows();
      c[9] += m.rereadRows();
      c[10] += m.goneRows();
      if (m.lastSourceTimestamp() != null
          && (lastSource == null || m.lastSourceTimestamp().isAfter(lastSource))) {
        lastSource = m.lastSourceTimestamp();
        last = m.lastPosition();
      }
    }
    return new SinkMetrics(
        c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], last, lastSource, at);
  }
}
