package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.SourceDatabase;
import io.github.maxcdc.jdbc.SourceSchemaWatch;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options watching MaxScale against the source database, each table with a {@link
 * SourceSchemaWatch}: {@code --on-schema-drift}, {@code --stall-check} and {@code
 * --schema-check-interval}. They need a source connection ({@code --source-url}): without one there
 * is nothing to compare, nothing is watched, and a note says so once if one of them was given.
 */
public final class SchemaWatchOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--on-schema-drift",
      paramLabel = "fail|warn",
      description =
          "with --source-url, when MaxScale has lost track of a table (its schema differs from the"
              + " source's although it went past the change, or its stream stays silent while the"
              + " source table is written): fail stops every stream, commits what was applied and"
              + " ends with status 1; warn says so on stderr and goes on (default: fail)")
  String onDrift;

  @Option(
      names = "--stall-check",
      paramLabel = "DURATION",
      converter = StallTimeoutConverter.class,
      description =
          "with --source-url: a table whose stream stays silent this long after its source table"
              + " was written is a drift; 0 or off never (default: 5m)")
  Duration stallCheck;

  @Option(
      names = "--schema-check-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "with --source-url: how often the source is read to compare with MaxScale, and how long"
              + " a difference must last to be a drift (default: 1m)")
  Duration checkInterval;

  /**
   * The watches of one run, comparing MaxScale with {@code source}; none without one (then a note
   * on {@code stderr} if an option asked for them).
   *
   * @throws ParameterException if {@code --on-schema-drift} is neither fail nor warn
   */
  SchemaWatches watches(Optional<SourceDatabase> source, PrintStream stderr) {
    boolean fail = fail();
    if (source.isEmpty()) {
      if (onDrift != null || stallCheck != null || checkInterval != null) {
        stderr.println(
            "note: without --source-url nothing is compared with MaxScale: --on-schema-drift,"
                + " --stall-check and --schema-check-interval have no effect");
      }
      return SchemaWatches.none();
    }
    return new SchemaWatches(
        source.get(),
        fail,
        checkInterval == null ? SourceSchemaWatch.DEFAULT_CHECK_INTERVAL : checkInterval,
        stallCheck == null ? SourceSchemaWatch.DEFAULT_STALL_TIMEOUT : stallCheck,
        stderr);
  }

  private boolean fail() {
    String value = onDrift == null ? "fail" : onDrift.trim().toLowerCase(Locale.ROOT);
    if (!value.equals("fail") && !value.equals("warn")) {
      throw new ParameterException(
          spec.commandLine(), "--on-schema-drift: '" + onDrift + "' is not one of fail, warn");
    }
    return value.equals("fail");
  }
}
