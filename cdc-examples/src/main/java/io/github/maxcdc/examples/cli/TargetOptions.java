package io.github.maxcdc.examples.cli;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.NewColumnsPolicy;
import io.github.maxcdc.jdbc.TableMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of the commands that write to a MariaDB target through a {@link JdbcSink}. */
public final class TargetOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--target-url",
      required = true,
      paramLabel = "JDBC_URL",
      description = "the target database, e.g. jdbc:mariadb://dw-host:3306/shop_dw")
  String url;

  @Option(names = "--target-user", required = true, description = "target database user")
  String user;

  @Option(
      names = "--target-password-env",
      required = true,
      paramLabel = "VAR",
      description = "name of the environment variable holding the target user's password")
  String passwordEnv;

  @Option(
      names = "--target-table",
      required = true,
      paramLabel = "[DB.]TABLE",
      split = ",",
      description =
          "the table to write, in the database of --target-url unless DB is given; with several "
              + "--table, one --target-table per --table, in the same order")
  List<String> tables;

  @Option(
      names = "--create-target",
      paramLabel = "KEYCOLS",
      description =
          "create the target table from the first schema if it does not exist, with these "
              + "comma-separated key columns")
  String createTarget;

  @Option(
      names = "--on-new-columns",
      defaultValue = "fail",
      paramLabel = "POLICY",
      description =
          "when the source gains columns the target lacks: fail, add or ignore "
              + "(default: ${DEFAULT-VALUE})")
  String onNewColumns;

  /**
   * The mapping of a single {@code source} to the one {@code --target-table}.
   *
   * @throws ParameterException as {@link #mappings(List)} does
   */
  public TableMapping mapping(TableId source) {
    return mappings(List.of(source)).get(0);
  }

  /**
   * The mappings of the {@code sources} to the target tables: the n-th {@code --target-table}
   * receives the n-th source.
   *
   * @throws ParameterException if there are not as many target tables as sources, a target table
   *     repeats, is not {@code [db.]table} or names no database while the URL has none
   */
  public List<TableMapping> mappings(List<TableId> sources) {
    if (tables.size() != sources.size()) {
      throw usage(
          "--target-table names "
              + tables.size()
              + (tables.size() == 1 ? " table" : " tables")
              + " for "
              + sources.size()
              + " source tables: give one target table per --table, in the same order");
    }
    List<TableMapping> mappings = new ArrayList<>();
    List<TableId> targets = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      TableId target = targetTable(tables.get(i));
      if (targets.contains(target)) {
        throw usage(
            "--target-table "
                + target
                + " is given twice: each --table needs a target table of its own");
      }
      targets.add(target);
      mappings.add(TableMapping.of(sources.get(i), target));
    }
    return mappings;
  }

  /**
   * A sink builder with the target settings filled in, validated; the password read from the
   * environment.
   *
   * @throws ParameterException if a setting is invalid or the password variable is not set
   */
  public JdbcSink.Builder builder(TableMapping mapping, Map<String, String> env) {
    String password = env.get(passwordEnv);
    if (password == null) {
      throw usage(
          "environment variable " + passwordEnv + " (from --target-password-env) is not set");
    }
    try {
      JdbcSink.Builder builder =
          JdbcSink.builder()
              .jdbcUrl(url, user, password)
              .mapping(mapping)
              .onNewColumns(newColumnsPolicy());
      if (createTarget != null) {
        builder.createTarget(keyColumns());
      }
      return builder;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private TableId targetTable(String table) {
    try {
      if (table.indexOf('.') >= 0) {
        return TableId.parse(table);
      }
      String database =
          databaseOf(url)
              .orElseThrow(
                  () ->
                      usage(
                          "--target-table '"
                              + table
                              + "' names no database and --target-url has none: "
                              + "write --target-table DB.TABLE"));
      return new TableId(database, table);
    } catch (IllegalArgumentException e) {
      throw usage("--target-table: " + e.getMessage());
    }
  }

  private NewColumnsPolicy newColumnsPolicy() {
    switch (onNewColumns.toLowerCase(Locale.ROOT)) {
      case "fail":
        return NewColumnsPolicy.FAIL;
      case "add":
        return NewColumnsPolicy.ADD_COLUMNS;
      case "ignore":
        return NewColumnsPolicy.IGNORE_NEW_COLUMNS;
      default:
        throw usage("--on-new-columns must be fail, add or ignore, got '" + onNewColumns + "'");
    }
  }

  private String[] keyColumns() {
    String[] keys = Arrays.stream(createTarget.split(",")).map(String::trim).toArray(String[]::new);
    if (Arrays.stream(keys).anyMatch(String::isEmpty)) {
      throw usage(
          "--create-target needs comma-separated key column names, got '" + createTarget + "'");
    }
    return keys;
  }

  /**
   * The database named in a JDBC URL such as {@code jdbc:mariadb://host:3306/db?options}, if any.
   */
  static Optional<String> databaseOf(String jdbcUrl) {
    int authority = jdbcUrl.indexOf("//");
    if (authority < 0) {
      return Optional.empty();
    }
    int slash = jdbcUrl.indexOf('/', authority + 2);
    if (slash < 0) {
      return Optional.empty();
    }
    int end = slash + 1;
    while (end < jdbcUrl.length() && "?;&".indexOf(jdbcUrl.charAt(end)) < 0) {
      end++;
    }
    String database = jdbcUrl.substring(slash + 1, end);
    return database.isEmpty() ? Optional.empty() : Optional.of(database);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
