package io.github.maxcdc.examples.cli;

import io.github.maxcdc.event.TableId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
 * {@code maxcdc status}: prints, from the checkpoint table a {@code replicate} keeps in its target,
 * one tab-separated line per stream under a header: {@code stream_id}, {@code gtid}, {@code
 * event_number}, {@code source_time} (the source commit time of the last change applied, UTC ISO
 * 8601), {@code lag_s} (now minus that time, in whole seconds) and {@code applied_events}. Reads
 * only. Exit status 0, 1 when the target cannot be read (unreachable, access denied, no checkpoint
 * table: one line on stderr), 2 for a usage error.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print each replication stream's position and lag, from its checkpoint table.")
public final class StatusCommand implements Callable<Integer> {
  /** The header line, in the order of the columns of each stream's line. */
  static final String HEADER = "stream_id\tgtid\tevent_number\tsource_time\tlag_s\tapplied_events";

  private static final String DEFAULT_TABLE = "maxcdc_checkpoint";

  @Spec CommandSpec spec;

  @Mixin TargetConnectionOptions connection;

  @Option(
      names = "--checkpoint-table",
      paramLabel = "[DB.]NAME",
      description =
          "the checkpoint table, in the database of --target-url unless DB is given"
              + " (default: maxcdc_checkpoint)")
  String checkpointTable;

  private final PrintStream out;
  private final Map<String, String> env;

  /** A command printing to {@code stdout}, reading the password from {@code env}. */
  public StatusCommand(OutputStream stdout, Map<String, String> env) {
    this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    String password = connection.password(env);
    TableId table = table();
    try (Connection c = DriverManager.getConnection(connection.url, connection.user, password);
        PreparedStatement s = c.prepareStatement(select(table));
        ResultSet rs = s.executeQuery()) {
      out.println(HEADER);
      Instant now = Instant.now();
      while (rs.next()) {
        out.println(
            line(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                Instant.ofEpochSecond(rs.getLong(4)),
                rs.getLong(5),
                now));
      }
      return 0;
    } catch (SQLException e) {
      throw failure(e, table);
    }
  }

  /** One stream's line, columns as in {@link #HEADER}. */
  static String line(
      String streamId,
      String gtid,
      int eventNumber,
      Instant sourceTime,
      long appliedEvents,
      Instant now) {
    return String.format(
        Locale.ROOT,
        "%s\t%s\t%d\t%s\t%d\t%d",
        streamId,
        gtid,
        eventNumber,
        DateTimeFormatter.ISO_INSTANT.format(sourceTime),
        Duration.between(sourceTime, now).getSeconds(),
        appliedEvents);
  }

  private static String select(TableId table) {
    return "SELECT `stream_id`, `gtid`, `event_number`, `source_timestamp`, `applied_events` FROM `"
        + table.database().replace("`", "``")
        + "`.`"
        + table.table().replace("`", "``")
        + "` ORDER BY `stream_id`";
  }

  private IOException failure(SQLException e, TableId table) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String what;
    if (state.equals("42S02")) {
      what =
          "checkpoint table "
              + table
              + " does not exist in the target: check --checkpoint-table and that replicate has"
              + " run against this target";
    } else if (state.equals("28000") || e.getErrorCode() == 1045) {
      what = "access denied to the target as " + connection.user + ": check --target-password-env";
    } else if (state.startsWith("08")) {
      // the URL up to its options only: these may hold credentials
      what =
          "cannot reach the target "
              + connection.url.replaceAll("[?;].*", "")
              + ": "
              + e.getMessage();
    } else {
      what = "cannot read checkpoint table " + table + ": " + e.getMessage();
    }
    return new IOException(what, e);
  }

  private TableId table() {
    String name = checkpointTable == null ? DEFAULT_TABLE : checkpointTable;
    try {
      if (name.indexOf('.') >= 0) {
        return TableId.parse(name);
      }
      String database =
          TargetOptions.databaseOf(connection.url)
              .orElseThrow(
                  () ->
                      usage("--target-url names no database: give --checkpoint-table DB." + name));
      return new TableId(database, name);
    } catch (IllegalArgumentException e) {
      throw usage("--checkpoint-table: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
