package io.github.maxcdc.examples.cli;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.RepairResult;
import io.github.maxcdc.jdbc.TableVerifier;
import io.github.maxcdc.jdbc.VerifyResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc verify}: proves a target table equal to its source table with {@link
 * TableVerifier}, printing on stdout a summary line, then {@code missing KEY}, {@code extra KEY}
 * and {@code different KEY columns A,B} lines (at most {@code --max-report} of each, then counts).
 * With {@code --repair}, then repairs the target ({@link TableVerifier#repair()}), prints {@code
 * repaired: N rows written, M rows deleted} and the summary of a second comparison. Exit status 0
 * when the tables are equal (after the repair), 1 when they differ, 2 on an error (one line on
 * stderr).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Prove a target table equal to its source table, or list where they differ.")
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceDatabaseOptions sourceDatabase;

  @Mixin TargetConnectionOptions connection;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "DB.TABLE",
      description = "the source table")
  String table;

  @Option(
      names = "--target-table",
      required = true,
      paramLabel = "[DB.]TABLE",
      description = "the target table, in the database of --target-url unless DB is given")
  String targetTable;

  @Option(
      names = "--chunk-rows",
      paramLabel = "ROWS",
      description = "rows per checksummed key range (default: 10000)")
  Integer chunkRows;

  @Option(
      names = "--max-report",
      paramLabel = "N",
      description = "most keys printed per kind of difference (default: 20)")
  Integer maxReport;

  @Option(
      names = "--exclude-column",
      paramLabel = "COLUMN",
      description = "a source column not to compare (repeat for several)")
  List<String> excluded = new ArrayList<>();

  @Option(
      names = "--stream-id",
      paramLabel = "ID",
      description =
          "the replication stream whose checkpoint shows in-flight changes landing"
              + " (default: source->target, as replicate names it)")
  String streamId;

  @Option(
      names = "--checkpoint-table",
      paramLabel = "NAME",
      description =
          "the checkpoint table, in the target table's database" + " (default: maxcdc_checkpoint)")
  String checkpointTable;

  @Option(
      names = "--settle-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.ZeroOrMore.class,
      description =
          "longest wait for differences a running replication may still resolve; 0s re-checks"
              + " them once, for a replication that has stopped (default: 30s)")
  Duration settleTimeout;

  @Option(
      names = "--repair",
      description =
          "where the tables differ, re-read the differing key ranges from the source and write"
              + " them into the target, then verify again (run it while no replication writes the"
              + " table)")
  boolean repair;

  private final PrintStream out;
  private final Map<String, String> env;

  /** A command printing to {@code stdout}, reading the passwords from {@code env}. */
  public VerifyCommand(OutputStream stdout, Map<String, String> env) {
    this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    if (repair) {
      RepairResult r = verifier().repair();
      report(r.before());
      if (!r.before().equal()) {
        out.println(
            "repaired: " + r.rowsWritten() + " rows written, " + r.rowsDeleted() + " rows deleted");
        report(r.after());
      }
      return r.equal() ? 0 : 1;
    }
    VerifyResult r = verifier().verify();
    report(r);
    return r.equal() ? 0 : 1;
  }

  private void report(VerifyResult r) {
    out.println(summary(r));
    for (String key : r.missing()) {
      out.println("missing " + key);
    }
    for (String key : r.extra()) {
      out.println("extra " + key);
    }
    for (VerifyResult.Difference d : r.different()) {
      out.println("different " + d.key() + " columns " + String.join(",", d.columns()));
    }
    more("missing", r.missingCount(), r.missing().size());
    more("extra", r.extraCount(), r.extra().size());
    more("different", r.differentCount(), r.different().size());
  }

  private void more(String kind, long count, int printed) {
    if (count > printed) {
      out.println("... " + (count - printed) + " more " + kind + " rows");
    }
  }

  static String summary(VerifyResult r) {
    return String.format(
        Locale.ROOT,
        "%s: %s -> %s, %d source rows, %d target rows in %d chunks, %d missing, %d extra,"
            + " %d different (%s%s), %.1f s",
        r.equal() ? "equal" : "different",
        r.source(),
        r.target(),
        r.sourceRows(),
        r.targetRows(),
        r.chunks(),
        r.missingCount(),
        r.extraCount(),
        r.differentCount(),
        r.settle(),
        r.resolvedInFlight() > 0 ? ", " + r.resolvedInFlight() + " resolved in flight" : "",
        r.elapsed().toMillis() / 1000.0);
  }

  private TableVerifier verifier() {
    String password = connection.password(env);
    try {
      TableId source = TableId.parse(table);
      TableId target =
          targetTable.indexOf('.') >= 0
              ? TableId.parse(targetTable)
              : new TableId(
                  TargetOptions.databaseOf(connection.url)
                      .orElseThrow(
                          () ->
                              usage(
                                  "--target-table '"
                                      + targetTable
                                      + "' names no database and --target-url has none")),
                  targetTable);
      TableVerifier.Builder b =
          TableVerifier.builder()
              .source(sourceDatabase.required(env, "verify"))
              .target(connection.url, connection.user, password)
              .tables(source, target)
              .excludeColumns(excluded.toArray(String[]::new));
      if (chunkRows != null) {
        b.chunkRows(chunkRows);
      }
      if (maxReport != null) {
        b.maxReported(maxReport);
      }
      if (streamId != null) {
        b.streamId(streamId);
      }
      if (checkpointTable != null) {
        b.checkpointTable(checkpointTable);
      }
      if (settleTimeout != null) {
        b.settleTimeout(settleTimeout);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
