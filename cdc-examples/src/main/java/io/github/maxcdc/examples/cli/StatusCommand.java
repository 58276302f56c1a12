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
 * {@code maxcdc status}: prints, from the checkpoint table a {@code replicate} keeps in its target,
 * one tab-separated line per stream under a header: {@code stream_id}, {@code gtid}, {@code
 * event_number}, {@code source_time} (the source commit time of the last change applied, UTC ISO
 * 8601), {@code lag_s} (now minus that time, in whole seconds), {@code applied_events} and {@code
 * behind_tx}: with {@code --host}, how many transactions of the stream's source table MaxScale has
 * after the checkpoint ({@link BehindColumn}), {@code >=N} when {@code --behind-timeout} came
 * first; {@code -} when not asked. Reads only. Exit status 0; 1 when the target cannot be read
 * (unreachable, access denied, no checkpoint table: one line on stderr, nothing on stdout) or when
 * MaxScale could not be asked for a stream (one line on stderr per problem, every stream's line
 * still printed, {@code ?} in its column); 2 for a usage error.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print each replication stream's position and lag, from its checkpoint table.")
public final class StatusCommand implements Callable<Integer> {
  /** The header line, in the order of the columns of each stream's line. */
  static final String HEADER =
      "stream_id\tgtid\tevent_number\tsource_time\tlag_s\tapplied_events\tbehind_tx";

  /** How long counting a stream's transactions behind waits for MaxScale by default: 5 s. */
  static final Duration DEFAULT_BEHIND_TIMEOUT = Duration.ofSeconds(5);

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

  @Mixin ListenerOptions maxscale;

  @Option(
      names = "--behind-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "with --host, how long to read each stream from MaxScale before its behind_tx is printed"
              + " as a lower bound, >=N (default: 5s)")
  Duration behindTimeout;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  /**
   * A command printing to {@code stdout}, its problems with MaxScale to {@code stderr}, reading the
   * passwords from {@code env}.
   */
  public StatusCommand(OutputStream stdout, PrintStream stderr, Map<String, String> env) {
    this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    this.err = stderr;
    this.env = env;
  }

  /** One checkpoint row. */
  private record Row(
      String streamId,
      String gtid,
      int eventNumber,
      Instant sourceTime,
      long appliedEvents,
      String sourceOffset) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    String password = connection.password(env);
    TableId table = table();
    BehindColumn behind = behindColumn();
    List<Row> rows = read(table, password);
    out.println(HEADER);
    Instant now = Instant.now();
    for (Row r : rows) {
      String behindTx = behind.of(r.streamId(), r.gtid(), r.eventNumber(), r.sourceOffset());
      out.println(
          line(r.streamId(), r.gtid(), r.eventNumber(), r.sourceTime(), r.appliedEvents(), now)
              + "\t"
              + behindTx);
    }
    return behind.failed() ? 1 : 0;
  }

  // validates the MaxScale options before anything is printed
  private BehindColumn behindColumn() {
    maxscale.check();
    if (behindTimeout != null && !maxscale.given()) {
      throw usage("--behind-timeout needs --host, the MaxScale CDC listener to ask");
    }
    if (!maxscale.given()) {
      return new BehindColumn(null, DEFAULT_BEHIND_TIMEOUT, err);
    }
    return new BehindColumn(
        maxscale.sources(env), behindTimeout == null ? DEFAULT_BEHIND_TIMEOUT : behindTimeout, err);
  }

  private List<Row> read(TableId table, String password) throws IOException {
    // the source offset tells the streams read from Kafka; only asked for with --host, so that a
    // plain status reads any checkpoint table replicate ever wrote
    try (Connection c = DriverManager.getConnection(connection.url, connection.user, password);
        PreparedStatement s = c.prepareStatement(select(table, maxscale.given()));
        ResultSet rs = s.executeQuery()) {
      List<Row> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                Instant.ofEpochSecond(rs.getLong(4)),
                rs.getLong(5),
                maxscale.given() ? rs.getString(6) : null));
      }
      return rows;
    } catch (SQLException e) {
      throw failure(e, table);
    }
  }

  /** One stream's line, columns as in {@link #HEADER} up to {@code applied_events}. */
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

  private static String select(TableId table, boolean sourceOffset) {
    return "SELECT `stream_id`, `gtid`, `event_number`, `source_timestamp`, `applied_events`"
        + (sourceOffset ? ", `source_offset`" : "")
        + " FROM `"
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
