package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.archive.TableArchive;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.KeyedTopicReader;
import io.github.maxcdc.position.StartPosition;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * {@code maxcdc archive}: writes the change stream of one or more tables to gzip-compressed JSON
 * Lines files, one per table per UTC day of the commit time ({@code <db>.<table>/<yyyy-mm-dd>
 * .jsonl.gz}, see {@link TableArchive}), in the {@code stream} command's line format. One client
 * per table, each with its own connection and thread. Running it again (after a stop or a kill)
 * resumes each table right after the last complete line of its files.
 *
 * <p>Ends with status 0 after {@code --idle-exit} without data on every table, closing the day
 * files; on SIGTERM or Ctrl-C it closes them too. A failure of any table stops all, leaving the
 * files as they are for the next run, and ends with status 1.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description =
        "Write the changes of one or more tables (--table a.b,c.d) to gzip-compressed JSON Lines "
            + "files, one per table per UTC day.")
public final class ArchiveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SourceOptions source;

  // the source database's declared column types: DECIMALs at their scale, and the schema of a
  // KafkaCDC topic that has no schema record for a table
  @Mixin SourceDatabaseOptions sourceDatabase;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "the archive's directory (one sub-directory per table)")
  Path dir;

  @Option(
      names = "--from",
      paramLabel = "GTID",
      description =
          "where a table not archived yet starts: a GTID (inclusive) or after:GTID:EVENT "
              + "(default: its first change); an archived table resumes after its last change")
  String from;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "exit with status 0 after this long without data, e.g. 5s")
  Duration idleExit;

  private final PrintStream stderr;
  private final Map<String, String> env;

  /** A command printing its summary on {@code stderr}, reading the password from {@code env}. */
  public ArchiveCommand(PrintStream stderr, Map<String, String> env) {
    this.stderr = stderr;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    List<TableId> tables = source.tableIds();
    StartPosition first = StartPosition.beginning();
    if (from != null) {
      try {
        first = StartPosition.parse(from);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--from: " + e.getMessage());
      }
    }
    source.refuseGroup("archive");
    boolean keyed = source.keyedTopics();
    List<TableArchive> archives = new ArrayList<>();
    List<Runner> clients = new ArrayList<>();
    ShutdownHook hook = new ShutdownHook(() -> clients.forEach(Runner::close));
    Exception failure = null;
    try {
      for (TableId table : tables) {
        TableArchive archive = TableArchive.open(dir, table);
        archives.add(archive);
        clients.add(keyed ? keyedReader(archive, first) : Runner.of(client(archive, first)));
      }
      hook.install();
      clients.forEach(Runner::start);
      awaitAll(clients);
    } catch (ListenerException e) {
      // the archive's own failure says what went wrong and where
      failure = e.getCause() instanceof Exception cause ? cause : e;
    } catch (Exception e) {
      failure = e;
    } finally {
      clients.forEach(Runner::close);
      failure = closeAll(archives, failure);
      hook.close();
    }
    if (failure != null) {
      throw failure;
    }
    return 0;
  }

  private CdcClient client(TableArchive archive, StartPosition first) {
    CdcClient.Builder builder =
        source.builder(env, archive.table()).startAt(archive.start(first)).listener(archive);
    if (archive.lastVersion() > 0) {
      builder.tableVersion(archive.lastVersion()); // request from the schema file it resumes in
    }
    if (idleExit != null) {
      builder.stopWhenIdle(idleExit);
    }
    sourceDatabase.database(env).ifPresent(db -> builder.declaredTypes(db.declaredTypes()));
    return builder.build();
  }

  // a keyed topic of maxcdc publish: typed changes, read by one consumer in source order
  private Runner keyedReader(TableArchive archive, StartPosition first) {
    KeyedTopicReader.Builder builder =
        source.keyedReader(archive.table()).startAt(archive.start(first)).listener(archive);
    if (idleExit != null) {
      builder.stopWhenIdle(idleExit);
    }
    return Runner.of(builder.build());
  }

  // each wait throws the failure that stopped its client
  private static void awaitAll(List<Runner> clients) throws Exception {
    boolean ended = false;
    while (!ended) {
      ended = true;
      for (Runner client : clients) {
        ended &= client.awaitTermination(Duration.ofMillis(200));
      }
    }
  }

  private Exception closeAll(List<TableArchive> archives, Exception failure) {
    for (TableArchive archive : archives) {
      try {
        archive.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      stderr.println(
          "archived "
              + archive.table()
              + ": "
              + archive.archived()
              + (archive.archived() == 1 ? " change" : " changes")
              + " in this run, "
              + archive.closedFiles().size()
              + " closed files, last position "
              + archive.lastPosition().map(Object::toString).orElse("none"));
    }
    return failure;
  }
}
