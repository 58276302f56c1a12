package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.SinkException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc replicate}: applies the changes of a table to a MariaDB table exactly once, with a
 * {@link JdbcSink} fed by a {@link CdcClient}. Running it again resumes right after the last change
 * applied (the sink's checkpoint, in the target database). The workshop's {@code cdc_to_dw.py},
 * done properly.
 *
 * <p>Prints a progress line on stderr at most every {@code --progress-interval} and a summary at
 * the end. Ends with status 0 after {@code --idle-exit} without data; on a failure the command line
 * prints one line naming the cause (for a failure of the sink, the sink's message) and ends with
 * status 1. On SIGTERM or Ctrl-C it commits what it has received before the JVM exits.
 */
@Command(
    name = "replicate",
    mixinStandardHelpOptions = true,
    description = "Apply the changes of a table to a MariaDB table, exactly once.")
public final class ReplicateCommand implements Callable<Integer> {
  /** Longest the shutdown hook waits for the last commit and the summary. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  @Spec CommandSpec spec;

  @Mixin SourceOptions source;

  @Mixin TargetOptions target;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "exit with status 0 after this long without data, e.g. 5s")
  Duration idleExit;

  @Option(
      names = "--max-latency",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "longest a change waits before it is committed (default: 200ms)")
  Duration maxLatency;

  @Option(
      names = "--max-batch",
      paramLabel = "CHANGES",
      description = "most changes per target transaction (default: 1000)")
  Integer maxBatch;

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "5s",
      description = "at most one progress line per interval (default: ${DEFAULT-VALUE})")
  Duration progressInterval;

  private final PrintStream stderr;
  private final Map<String, String> env;

  /** A command printing its progress to {@code stderr}, reading the passwords from {@code env}. */
  public ReplicateCommand(PrintStream stderr, Map<String, String> env) {
    this.stderr = stderr;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    CdcClient.Builder client = source.builder(env);
    TableId table = source.tableId();
    JdbcSink.Builder sinkBuilder = target.builder(table, env);
    if (maxLatency != null) {
      sinkBuilder.maxLatency(maxLatency);
    }
    if (maxBatch != null) {
      if (maxBatch < 1) {
        throw new ParameterException(spec.commandLine(), "--max-batch must be at least 1");
      }
      sinkBuilder.maxBatchEvents(maxBatch);
    }
    if (idleExit != null) {
      client.stopWhenIdle(idleExit);
    }
    try (JdbcSink sink = sinkBuilder.build()) {
      sink.attach(client); // reads the checkpoint: the stream starts right after it
      return replicate(sink, client.build());
    } catch (ListenerException e) {
      // the sink's own failure says what went wrong, where, and what to check
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private int replicate(JdbcSink sink, CdcClient client) throws Exception {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopOnSignal(client, finished), "maxcdc-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ReplicationReport report = ReplicationReport.start(sink::metrics, stderr, progressInterval);
    try {
      Exception failure = null;
      try (client) {
        client.start();
        while (!client.awaitTermination(Duration.ofDays(1))) {
          // without --idle-exit it runs until it fails or the process is stopped
        }
      } catch (Exception e) {
        failure = e;
      }
      try {
        sink.close(); // commits what is buffered unless the sink failed (closing again is a no-op)
      } catch (SinkException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      report.printSummary(sink.appliedEvents());
      if (failure != null) {
        throw failure;
      }
      return 0;
    } finally {
      report.close();
      finished.countDown();
      removeHook(hook);
    }
  }

  // SIGTERM, Ctrl-C: end the stream; the main thread then commits and prints the summary
  private static void stopOnSignal(CdcClient client, CountDownLatch finished) {
    client.close();
    try {
      finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: nothing to remove
    }
  }
}
