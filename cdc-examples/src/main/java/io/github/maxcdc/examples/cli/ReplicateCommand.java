package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc replicate}: applies the changes of one or more tables to MariaDB tables exactly
 * once, each with a {@link JdbcSink} fed by a {@link CdcClient} of its own (its own connection,
 * position and checkpoint row). Running it again resumes each stream right after the last change it
 * applied (the sink's checkpoint, in the target database). The workshop's {@code cdc_to_dw.py},
 * done properly.
 *
 * <p>Several tables: {@code --table} repeated, with one {@code --target-table} per {@code --table}
 * in the same order. Prints a progress line on stderr at most every {@code --progress-interval} and
 * a summary at the end. Ends with status 0 when every stream has gone {@code --idle-exit} without
 * data; on a failure of any stream the others stop, every stream commits what it received, and the
 * command line prints one line naming the cause (for a failure of the sink, the sink's message;
 * with several tables, preceded by the stream's tables) and ends with status 1. On SIGTERM or
 * Ctrl-C it commits what it has received before the JVM exits. A dropped or (after {@code
 * --stall-timeout}) stalled connection to MaxScale is reconnected, resuming exactly. With {@code
 * --http-port} it serves {@code /metrics} and {@code /health} while it runs ({@link
 * HttpEndpoints}).
 */
@Command(
    name = "replicate",
    mixinStandardHelpOptions = true,
    description = "Apply the changes of tables to MariaDB tables, exactly once.")
public final class ReplicateCommand implements Callable<Integer> {
  /** Longest the shutdown hook waits for the last commit and the summary. */
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;

  @Mixin TargetOptions target;

  @Mixin ConnectionOptions connection;

  @Mixin SourceDatabaseOptions sourceDatabase;

  @Mixin ValuePolicyOptions values;

  @Mixin SchemaWatchOptions schemaWatch;

  @Mixin HttpOptions http;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "exit with status 0 after this long without data (with several --table: once each "
              + "table has been this long without data), e.g. 5s")
  Duration idleExit;

  @Option(
      names = "--max-latency",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "longest a change waits before it is committed (default: 100ms)")
  Duration maxLatency;

  @Option(
      names = "--quiet-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "once the stream has caught up with MaxScale, how long without a new row before the last"
              + " source transaction counts as complete and is committed (default: 10ms); complete"
              + " transactions are committed as soon as the stream catches up")
  Duration quietInterval;

  @Option(
      names = "--max-batch",
      paramLabel = "CHANGES",
      description = "most changes per target transaction (default: 1000)")
  Integer maxBatch;

  @Option(
      names = "--max-transaction-events",
      paramLabel = "CHANGES",
      description =
          "size above which a source transaction is committed in parts, each with its exact"
              + " position (default: 10000)")
  Integer maxTransactionEvents;

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "5s",
      description = "at most one progress line per interval (default: ${DEFAULT-VALUE})")
  Duration progressInterval;

  @Option(
      names = "--snapshot",
      description =
          "first copy the rows each table already has from the source database (needs"
              + " --source-url), then stream from the position the copy corresponds to; a copy"
              + " stopped half way resumes, a finished one is not redone")
  boolean snapshot;

  @Option(
      names = "--snapshot-chunk-rows",
      paramLabel = "ROWS",
      description = "rows per target transaction of the copy (default: 10000)")
  Integer snapshotChunkRows;

  private final PrintStream stderr;
  private final Map<String, String> env;

  /** A command printing its progress to {@code stderr}, reading the passwords from {@code env}. */
  public ReplicateCommand(PrintStream stderr, Map<String, String> env) {
    this.stderr = stderr;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    List<TableMapping> mappings = target.mappings(source.tableIds());
    if (maxBatch != null && maxBatch < 1) {
      throw new ParameterException(spec.commandLine(), "--max-batch must be at least 1");
    }
    if (maxTransactionEvents != null && maxTransactionEvents < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-transaction-events must be at least 1");
    }
    values.requireSourceForReread(sourceDatabase.present());
    if (snapshot && !sourceDatabase.present()) {
      throw new ParameterException(
          spec.commandLine(),
          "--snapshot copies from the source database: give --source-url, --source-user and"
              + " --source-password-env");
    }
    target.refuseSnapshot(snapshot);
    if (snapshotChunkRows != null && snapshotChunkRows < 1) {
      throw new ParameterException(spec.commandLine(), "--snapshot-chunk-rows must be at least 1");
    }
    if (source.keyedTopics()) {
      return replicateKeyedTopics(mappings);
    }
    try (HttpEndpoints endpoints = http.start(stderr)) {
      List<ReplicationStreams.Plan> plans = new ArrayList<>();
      for (TableMapping given : mappings) {
        TableMapping mapping = values.apply(given);
        StreamHealth health = endpoints.stream(ReplicationStreams.name(mapping));
        plans.add(
            new ReplicationStreams.Plan(
                mapping, sink(mapping), client(mapping), beforeStream(health)));
      }
      try (SchemaWatches watches = schemaWatch.watches(sourceDatabase.database(env), stderr)) {
        ReplicationStreams streams = ReplicationStreams.open(plans, observer(endpoints, watches));
        streams.streams().forEach(s -> endpoints.opened(s.name(), s.client(), s.sink()));
        return replicate(streams, watches);
      }
    }
  }

  // the schema watch in front, then what /health learns from, then the sink
  private static ReplicationStreams.Observer observer(
      HttpEndpoints endpoints, SchemaWatches watches) {
    return (mapping, sink, attached) -> {
      if (!endpoints.serving()) {
        return watches.observe(mapping, sink, new LifecycleListener() {}, attached);
      }
      StreamHealth health = endpoints.stream(ReplicationStreams.name(mapping));
      return watches.observe(
          mapping,
          health.changeListener(sink),
          health.lifecycleListener(new LifecycleListener() {}),
          attached);
    };
  }

  // keyed topics of maxcdc publish: one consumer per table, or a member of --kafka-group
  private int replicateKeyedTopics(List<TableMapping> mappings) throws Exception {
    if (http.port != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--http-port serves the streams read from MaxScale; with the keyed topics of maxcdc"
              + " publish, each sink's progress is in its checkpoint table (maxcdc status)");
    }
    if (snapshot) {
      throw new ParameterException(
          spec.commandLine(),
          "--snapshot: keyed topics carry changes only; copy the table first with replicate"
              + " --snapshot from the source, then replicate the topics");
    }
    // MaxScale's connection and schema: publish watched them; the Kafka consumer reconnects itself
    refuseForKeyedTopics(connection.stallTimeout, "--stall-timeout");
    refuseForKeyedTopics(quietInterval, "--quiet-interval");
    refuseForKeyedTopics(connection.reconnectMaxDelay, "--reconnect-max-delay");
    refuseForKeyedTopics(connection.reconnectAttempts, "--reconnect-attempts");
    refuseForKeyedTopics(schemaWatch.onDrift, "--on-schema-drift");
    refuseForKeyedTopics(schemaWatch.stallCheck, "--stall-check");
    refuseForKeyedTopics(schemaWatch.checkInterval, "--schema-check-interval");
    List<TableMapping> applied = new ArrayList<>();
    mappings.forEach(m -> applied.add(values.apply(m)));
    return new KeyedReplication(
            applied,
            mapping -> {
              var reader = source.keyedReader(mapping.source());
              if (idleExit != null) {
                reader.stopWhenIdle(idleExit);
              }
              return reader;
            },
            this::sink,
            source.kafkaGroup(),
            stderr,
            progressInterval)
        .run();
  }

  private void refuseForKeyedTopics(Object given, String option) {
    if (given != null) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " watches MaxScale's stream and does not apply to the keyed topics of maxcdc"
              + " publish (the Kafka consumer reconnects to the brokers itself)");
    }
  }

  private JdbcSink.Builder sink(TableMapping mapping) {
    JdbcSink.Builder sink = target.builder(mapping, env);
    sourceDatabase.database(env).ifPresent(sink::source);
    values.configure(sink);
    if (maxLatency != null) {
      sink.maxLatency(maxLatency);
    }
    if (maxBatch != null) {
      sink.maxBatchEvents(maxBatch);
    }
    if (maxTransactionEvents != null) {
      sink.maxTransactionEvents(maxTransactionEvents);
    }
    return sink;
  }

  private ReplicationStreams.BeforeStream beforeStream(StreamHealth health) {
    if (!snapshot) {
      return sink -> {};
    }
    return sink -> {
      health.snapshotStarted();
      try {
        new SnapshotReport(stderr, progressInterval, health.snapshotListener())
            .run(sink, snapshotChunkRows);
      } finally {
        health.snapshotEnded();
      }
    };
  }

  private CdcClient.Builder client(TableMapping mapping) {
    CdcClient.Builder client =
        connection.configure(source.builder(env, mapping.source()), idleExit);
    if (idleExit != null) {
      client.stopWhenIdle(idleExit);
    }
    if (quietInterval != null) {
      client.quietInterval(quietInterval);
    }
    return client;
  }

  private int replicate(ReplicationStreams streams, SchemaWatches watches) throws Exception {
    // SIGTERM, Ctrl-C: end the streams; this thread then commits and prints the summary
    ShutdownHook hook = new ShutdownHook(streams::stop).install();
    ReplicationReport report = ReplicationReport.start(streams.metrics(), stderr, progressInterval);
    try {
      Exception failure;
      try {
        streams.start();
        watches.start(streams::stop); // --on-schema-drift fail: a drift stops the streams
        failure = streams.awaitEnd(); // without --idle-exit: until a failure or a stop
      } catch (Exception e) {
        failure = e;
      }
      failure = watches.failure(failure);
      // commits what each sink holds, unless it failed (closing again is a no-op)
      failure = streams.commitAll(failure);
      Map<String, Long> applied;
      try {
        applied = streams.appliedInAll();
      } catch (Exception e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e); // the failure that ended the run matters more than the summary
        throw failure;
      }
      report.printSummary(applied);
      if (failure != null) {
        throw failure;
      }
      return 0;
    } finally {
      report.close();
      hook.close();
    }
  }
}
