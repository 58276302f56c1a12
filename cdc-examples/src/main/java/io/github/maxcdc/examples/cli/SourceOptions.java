package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options shared by the commands that read from a MaxScale CDC listener. */
public final class SourceOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--host", required = true, description = "MaxScale host")
  String host;

  @Option(
      names = "--port",
      defaultValue = "4001",
      description = "port of the CDC listener (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--user", required = true, description = "CDC user")
  String user;

  @Option(
      names = "--password-env",
      required = true,
      paramLabel = "VAR",
      description = "name of the environment variable holding the CDC user's password")
  String passwordEnv;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "DB.TABLE",
      split = ",",
      description =
          "the table to follow (replicate, archive: repeat it, or give a comma-separated list, to"
              + " follow several tables)")
  List<String> tables;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json or avro (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--server-time-zone",
      defaultValue = "UTC",
      description = "time zone MaxScale runs in, for TIMESTAMP values (default: ${DEFAULT-VALUE})")
  String serverTimeZone;

  /**
   * The table to follow, for the commands that follow one.
   *
   * @throws ParameterException if {@code --table} is not {@code db.table} or is given more than
   *     once
   */
  public TableId tableId() {
    if (tables.size() > 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--table names " + tables.size() + " tables, this command follows one: give one table");
    }
    return tableIds().get(0);
  }

  /**
   * The tables to follow, in the order given, each once.
   *
   * @throws ParameterException if a {@code --table} is not {@code db.table} or repeats one given
   *     before
   */
  public List<TableId> tableIds() {
    List<TableId> ids = new ArrayList<>();
    for (String table : tables) {
      TableId id;
      try {
        id = TableId.parse(table.trim());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
      }
      if (ids.contains(id)) {
        throw new ParameterException(
            spec.commandLine(), "--table " + table + " is given twice: give each table once");
      }
      ids.add(id);
    }
    return ids;
  }

  /** A builder with the source settings filled in, validated, for the one table to follow. */
  public CdcClient.Builder builder(Map<String, String> env) {
    return builder(env, tableId());
  }

  /** A builder with the source settings filled in, validated, following {@code table}. */
  public CdcClient.Builder builder(Map<String, String> env, TableId table) {
    String password = env.get(passwordEnv);
    if (password == null) {
      throw new ParameterException(
          spec.commandLine(),
          "environment variable " + passwordEnv + " (from --password-env) is not set");
    }
    StreamFormat streamFormat;
    try {
      streamFormat = StreamFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--format must be json or avro, got '" + format + "'");
    }
    try {
      return CdcClient.builder()
          .address(host, port)
          .credentials(user, password)
          .format(streamFormat)
          .table(table)
          .serverTimeZone(ZoneId.of(serverTimeZone));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
