package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.archive.ChangeLineWriter;
import io.github.maxcdc.position.StartPosition;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc stream}: prints every change of a table as one JSON line on stdout (logs go to
 * stderr). The workshop's {@code cdc_client_simple.py}, done properly.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Print the changes of a table as JSON lines on stdout.")
public final class StreamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;

  /** With a source connection, DECIMAL values come at their column's scale and exact or flagged. */
  @Mixin SourceDatabaseOptions sourceDatabase;

  @Option(
      names = "--from",
      paramLabel = "GTID",
      description =
          "start at this GTID, inclusive (like MaxScale's seek), or after:GTID:EVENT to resume after a printed position")
  String from;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "exit with status 0 after this long without data, e.g. 3s")
  Duration idleExit;

  private final OutputStream stdout;
  private final java.util.Map<String, String> env;

  /** A command writing to {@code stdout}, reading the password from {@code env}. */
  public StreamCommand(OutputStream stdout, java.util.Map<String, String> env) {
    this.stdout = stdout;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    source.refuseGroup("stream");
    if (source.keyedTopics()) {
      return streamKeyedTopic();
    }
    CdcClient.Builder builder = source.builder(env);
    sourceDatabase.database(env).ifPresent(db -> builder.declaredTypes(db.declaredTypes()));
    if (from != null) {
      try {
        builder.startAt(StartPosition.parse(from));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--from: " + e.getMessage());
      }
    }
    if (idleExit != null) {
      builder.stopWhenIdle(idleExit);
    }
    OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
    ChangeLineWriter writer = new ChangeLineWriter(out);
    builder.listener(printer(writer, false));
    CdcClient client = builder.build();
    // on SIGTERM: stop the stream, then let the exit wait for the last lines to be flushed
    try (ShutdownHook hook = new ShutdownHook(client::close).install()) {
      try (client) {
        client.start();
        while (!client.awaitTermination(Duration.ofDays(1))) {
          // a stream without --idle-exit runs until it fails or the process is stopped
        }
        return 0;
      } finally {
        writer.flush();
      }
    }
  }

  /**
   * Prints each change into {@code writer}'s buffer; the buffer goes out when the reader has caught
   * up with the stream (nothing more ready to read) or the stream is idle, so that a backlog is
   * written in large blocks and a trickle is printed at once. A source that does not tell when it
   * has caught up ({@code flushEachLine}) gets each line flushed.
   */
  static io.github.maxcdc.ChangeListener printer(ChangeLineWriter writer, boolean flushEachLine) {
    return new io.github.maxcdc.ChangeListener() {
      @Override
      public void onChange(io.github.maxcdc.event.ChangeEvent event) throws Exception {
        writer.write(event);
        if (flushEachLine) {
          writer.flush();
        }
      }

      @Override
      public void onCaughtUp(java.time.Duration quietFor) throws Exception {
        writer.flush();
      }

      @Override
      public void onIdle() throws Exception {
        writer.flush();
      }
    };
  }

  // a keyed topic of maxcdc publish: its changes are typed already, read by one consumer in order
  private int streamKeyedTopic() throws Exception {
    io.github.maxcdc.kafka.KeyedTopicReader.Builder builder = source.keyedReader(source.tableId());
    if (sourceDatabase.present()) {
      throw new ParameterException(
          spec.commandLine(),
          "--source-url: a keyed topic of maxcdc publish carries its values typed and repaired"
              + " already");
    }
    if (from != null) {
      try {
        builder.startAt(StartPosition.parse(from));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--from: " + e.getMessage());
      }
    }
    if (idleExit != null) {
      builder.stopWhenIdle(idleExit);
    }
    OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
    ChangeLineWriter writer = new ChangeLineWriter(out);
    io.github.maxcdc.kafka.KeyedTopicReader reader =
        builder.listener(printer(writer, true)).build();
    try (ShutdownHook hook = new ShutdownHook(reader::close).install()) {
      try (reader) {
        reader.start();
        while (!reader.awaitTermination(Duration.ofDays(1))) {
          // without --idle-exit: until it fails or the process is stopped
        }
        return 0;
      } finally {
        writer.flush();
      }
    }
  }
}
