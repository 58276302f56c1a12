package io.github.maxcdc.examples.cli;

import io.github.maxcdc.ListenerException;
import io.github.maxcdc.archive.ArchiveLayout;
import io.github.maxcdc.archive.ArchiveReplay;
import io.github.maxcdc.archive.ReplayRange;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * {@code maxcdc replay}: applies an archive written by {@code archive} to a MariaDB table through
 * the same {@link JdbcSink} as {@code replicate}, exactly once: {@link ArchiveReplay} feeds the
 * sink the changes after its checkpoint, then this command commits and closes it. Prints a summary
 * on stderr; a corrupt, truncated or malformed file ends it with status 1 and a message naming the
 * file and line.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Apply an archive written by archive to a MariaDB table, exactly once.")
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TargetOptions target;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "the archive's directory, as given to archive")
  Path dir;

  @Option(
      names = "--table",
      paramLabel = "DB.TABLE",
      description = "the archived table to replay (default: the only one in DIR)")
  String table;

  @Option(
      names = "--from",
      paramLabel = "GTID|DAY",
      description = "start at this GTID (inclusive) or UTC day, e.g. 0-1-42 or 2026-11-24")
  String from;

  @Option(
      names = "--to",
      paramLabel = "GTID|DAY",
      description = "stop after this GTID or UTC day, e.g. 0-1-99 or 2026-11-30")
  String to;

  @Option(
      names = "--max-batch",
      paramLabel = "CHANGES",
      description = "most changes per target transaction (default: 1000)")
  Integer maxBatch;

  private final PrintStream stderr;
  private final Map<String, String> env;

  /** A command printing its summary on {@code stderr}, reading the password from {@code env}. */
  public ReplayCommand(PrintStream stderr, Map<String, String> env) {
    this.stderr = stderr;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    TableId source = sourceTable();
    ReplayRange range;
    try {
      range = ReplayRange.parse(from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    JdbcSink.Builder builder = target.builder(target.mapping(source), env);
    if (maxBatch != null) {
      if (maxBatch < 1) {
        throw new ParameterException(spec.commandLine(), "--max-batch must be at least 1");
      }
      builder.maxBatchEvents(maxBatch);
    }
    ArchiveReplay.Result result;
    try (JdbcSink sink = builder.build()) {
      // the sink's checkpoint: what replicate or an earlier replay applied is not applied again
      result = ArchiveReplay.run(dir, source, sink, range, sink.lastApplied());
      sink.flush();
    } catch (ListenerException e) {
      // the sink's own failure says what went wrong and where
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    stderr.println(
        "replayed "
            + source
            + " "
            + range
            + ": "
            + result.delivered()
            + " changes applied from "
            + result.files()
            + " files, "
            + result.skipped()
            + " already applied, "
            + result.beforeStart()
            + " before the start, last position "
            + result.last().map(Object::toString).orElse("none"));
    return 0;
  }

  private TableId sourceTable() throws IOException {
    if (table != null) {
      try {
        return TableId.parse(table);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
      }
    }
    List<TableId> tables = ArchiveLayout.tables(dir);
    if (tables.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--dir "
              + dir
              + " holds "
              + (tables.isEmpty() ? "no archived table" : "the archived tables " + tables)
              + ": name the one to replay with --table DB.TABLE");
    }
    return tables.get(0);
  }
}
