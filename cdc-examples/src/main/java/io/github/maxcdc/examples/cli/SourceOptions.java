package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import java.time.ZoneId;
import java.util.Locale;
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
      description = "the table to follow (archive: one or more, comma-separated)")
  String table;

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
   * The table to follow.
   *
   * @throws ParameterException if {@code --table} is not {@code db.table}
   */
  public TableId tableId() {
    try {
      return TableId.parse(table);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
    }
  }

  /**
   * The tables of a {@code --table} that may list several, comma-separated ({@code archive}).
   *
   * @throws ParameterException if an element is not {@code db.table}
   */
  public java.util.List<TableId> tableIds() {
    java.util.List<TableId> tables = new java.util.ArrayList<>();
    for (String name : table.split(",", -1)) {
      try {
        TableId id = TableId.parse(name.trim());
        if (tables.contains(id)) {
          throw new IllegalArgumentException(id + " is listed twice");
        }
        tables.add(id);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
      }
    }
    return tables;
  }

  /** A builder with the source settings filled in, validated. */
  public CdcClient.Builder builder(java.util.Map<String, String> env) {
    return builder(tableId(), env);
  }

  /** A builder with the source settings filled in, validated, for {@code table}. */
  public CdcClient.Builder builder(TableId table, java.util.Map<String, String> env) {
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
