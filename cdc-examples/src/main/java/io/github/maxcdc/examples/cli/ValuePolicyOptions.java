package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.LossyColumnPolicy;
import io.github.maxcdc.jdbc.TableMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the sink does with the values MaxScale damages: the command line's face of {@link
 * JdbcSink.Builder#lossyColumns}, {@link TableMapping#lossyColumn} and {@link
 * JdbcSink.Builder#ambiguousValues}, with the same names in lowercase.
 */
public final class ValuePolicyOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--lossy-columns",
      paramLabel = "POLICY",
      description =
          "columns MaxScale cannot carry exactly (BIT, JSON, TIME, VARBINARY; see the type table):"
              + " fail, skip, write or reread (from the source database; default: reread with"
              + " --source-url, fail without)")
  String lossyColumns;

  @Option(
      names = "--lossy-column",
      paramLabel = "COLUMN=POLICY",
      description =
          "the policy of one source column (repeat for several): fail, skip, write or reread")
  List<String> lossyColumn = new ArrayList<>();

  @Option(
      names = "--ambiguous-values",
      paramLabel = "POLICY",
      description =
          "values that read two ways (an empty BLOB, JSON-format hex): write_likely or fail"
              + " (default: write_likely; with --source-url they are re-read)")
  String ambiguousValues;

  /**
   * Checks that a re-read has a source to read from.
   *
   * @throws ParameterException if {@code reread} is asked for without a source connection
   */
  public void requireSourceForReread(boolean hasSource) {
    boolean reread =
        "reread".equalsIgnoreCase(lossyColumns)
            || lossyColumn.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).endsWith("=reread"));
    if (reread && !hasSource) {
      throw usage(
          "reread reads the values from the source database: give --source-url, --source-user"
              + " and --source-password-env");
    }
  }

  /** {@code mapping} with the per-column policies. */
  public TableMapping apply(TableMapping mapping) {
    TableMapping next = mapping;
    for (String entry : lossyColumn) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw usage("--lossy-column takes COLUMN=POLICY (e.g. heure=reread), got '" + entry + "'");
      }
      next =
          next.lossyColumn(
              entry.substring(0, eq).trim(),
              lossy(entry.substring(eq + 1).trim(), "--lossy-column " + entry));
    }
    return next;
  }

  /** Sets the sink-wide policies given on the command line. */
  public JdbcSink.Builder configure(JdbcSink.Builder sink) {
    if (lossyColumns != null) {
      sink.lossyColumns(lossy(lossyColumns, "--lossy-columns"));
    }
    if (ambiguousValues != null) {
      sink.ambiguousValues(
          choice(AmbiguousValuePolicy.class, ambiguousValues, "--ambiguous-values"));
    }
    return sink;
  }

  private LossyColumnPolicy lossy(String value, String option) {
    return choice(LossyColumnPolicy.class, value, option);
  }

  private <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw usage(
          option
              + ": '"
              + value
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
