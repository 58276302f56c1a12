package io.github.maxcdc.examples.cli;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.HistoryColumns;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.NewColumnsPolicy;
import io.github.maxcdc.jdbc.Scd2Columns;
import io.github.maxcdc.jdbc.SchemaChangePolicy;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.jdbc.TargetMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "KEYCOLS",
      description =
          "create the target table from the first schema if it does not exist, with these"
              + " comma-separated columns as its primary key (a table's --key-columns take"
              + " precedence); without any, the table is created without a key and its rows are"
              + " matched on their whole before image")
  String createTarget;

  @Option(
      names = "--key-columns",
      paramLabel = "[DB.TABLE=]COLS",
      description =
          "the comma-separated target columns that identify a row, for a target table without"
              + " primary key or unique key on NOT NULL columns (by default its rows are matched"
              + " on their whole before image); with several --table, give DB.TABLE=COLS, DB.TABLE"
              + " being the --table it applies to, repeated for each table that needs it")
  List<String> keyColumns = new ArrayList<>();

  @Option(
      names = "--on-new-columns",
      defaultValue = "fail",
      paramLabel = "POLICY",
      description =
          "when the source gains columns the target lacks: fail, add or ignore "
              + "(default: ${DEFAULT-VALUE})")
  String onNewColumns;

  @Option(
      names = "--on-renamed-columns",
      defaultValue = "rename",
      paramLabel = "POLICY",
      description =
          "when a source column is renamed (same position and type): rename the target column"
              + " (confirmed on the source when connected), add a new one, or fail"
              + " (default: ${DEFAULT-VALUE})")
  String onRenamedColumns;

  @Option(
      names = "--on-type-changes",
      defaultValue = "widen",
      paramLabel = "POLICY",
      description =
          "when a source column's type changes: widen the target column (INT to BIGINT,"
              + " VARCHAR(n) to VARCHAR(m)...) or fail; a narrowing always fails"
              + " (default: ${DEFAULT-VALUE})")
  String onTypeChanges;

  @Option(
      names = "--on-dropped-columns",
      defaultValue = "keep",
      paramLabel = "POLICY",
      description =
          "when the source drops a column: keep the target column, no longer written, or drop it"
              + " (default: ${DEFAULT-VALUE})")
  String onDroppedColumns;

  @Option(
      names = "--target-mode",
      defaultValue = "mirror",
      paramLabel = "MODE",
      description =
          "the target table's shape: mirror (the source's rows), history (an append-only table"
              + " of every change, keyed by GTID and event number) or scd2 (one row per version"
              + " of a source row, valid from a commit time to the next) (default:"
              + " ${DEFAULT-VALUE})")
  String targetMode;

  @Option(
      names = "--history-columns",
      paramLabel = "OP,GTID,EVENT,TIME",
      description =
          "with --target-mode history, the names of the four added columns: the kind of change,"
              + " the GTID, the event number and the commit time (default:"
              + " _op,_gtid,_event_number,_commit_time)")
  String historyColumns;

  @Option(
      names = "--scd2-columns",
      paramLabel = "FROM,TO,CURRENT",
      description =
          "with --target-mode scd2, the names of the three added columns: the version's start,"
              + " its end and the current flag (default: _valid_from,_valid_to,_current)")
  String scd2Columns;

  @Option(
      names = "--scd2-open-end",
      paramLabel = "null|DATETIME",
      description =
          "with --target-mode scd2, the end of a current version: null (default) or a far-future"
              + " time such as '9999-12-31 23:59:59'")
  String scd2OpenEnd;

  /** The {@code --target-mode}. */
  public TargetMode mode() {
    return choice(targetMode, "--target-mode", TargetMode.class);
  }

  /**
   * Refuses {@code --snapshot} with a history or SCD2 target: the copy replays the changes made
   * while it runs, which only a mirror absorbs.
   */
  public void refuseSnapshot(boolean snapshot) {
    if (snapshot && mode() != TargetMode.MIRROR) {
      throw usage(
          "--snapshot does not go with --target-mode "
              + targetMode.toLowerCase(Locale.ROOT)
              + ": the copy replays the changes made while it runs, which a history or SCD2"
              + " table would record twice; stream from the beginning of the binlog instead");
    }
  }

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
    Map<TableId, String[]> keys = keyColumns(sources);
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
      TableMapping mapping = TableMapping.of(sources.get(i), target);
      String[] key = keys.get(sources.get(i));
      mappings.add(key == null ? mapping : mapping.keyColumns(key));
    }
    return mappings;
  }

  /** The {@code --key-columns} of each source table that has some. */
  private Map<TableId, String[]> keyColumns(List<TableId> sources) {
    Map<TableId, String[]> keys = new LinkedHashMap<>();
    for (String entry : keyColumns) {
      int eq = entry.indexOf('=');
      TableId table;
      if (eq < 0) {
        if (sources.size() != 1) {
          throw usage(
              "--key-columns '"
                  + entry
                  + "' names no table, and "
                  + sources.size()
                  + " tables are replicated: write --key-columns DB.TABLE=COLS for each --table"
                  + " that needs key columns");
        }
        table = sources.get(0);
      } else {
        table = keyColumnsTable(entry.substring(0, eq).trim(), sources);
      }
      String[] columns = columns(eq < 0 ? entry : entry.substring(eq + 1), "--key-columns");
      if (keys.put(table, columns) != null) {
        throw usage("--key-columns gives the key columns of " + table + " twice");
      }
    }
    return keys;
  }

  private TableId keyColumnsTable(String name, List<TableId> sources) {
    TableId table;
    try {
      table = TableId.parse(name);
    } catch (IllegalArgumentException e) {
      throw usage("--key-columns takes [DB.TABLE=]COLS: '" + name + "' is not DB.TABLE");
    }
    if (!sources.contains(table)) {
      throw usage(
          "--key-columns names "
              + table
              + ", which is not a --table (tables: "
              + sources.stream().map(TableId::toString).collect(Collectors.joining(", "))
              + ")");
    }
    return table;
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
              .onNewColumns(newColumnsPolicy())
              .onSchemaChanges(schemaChangePolicy());
      if (createTarget != null) {
        builder.createTarget(
            createTarget.isBlank() ? new String[0] : columns(createTarget, "--create-target"));
      }
      shape(builder, mapping);
      return builder;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  // --target-mode and the options of its shape, each refused with another mode
  private void shape(JdbcSink.Builder builder, TableMapping mapping) {
    TargetMode mode = mode();
    builder.targetMode(mode);
    if (historyColumns != null) {
      if (mode != TargetMode.HISTORY) {
        throw usage("--history-columns applies to --target-mode history only");
      }
      String[] names = exactly(historyColumns, "--history-columns", 4);
      builder.historyColumns(new HistoryColumns(names[0], names[1], names[2], names[3]));
    }
    if (scd2Columns != null || scd2OpenEnd != null) {
      if (mode != TargetMode.SCD2) {
        throw usage(
            (scd2Columns != null ? "--scd2-columns" : "--scd2-open-end")
                + " applies to --target-mode scd2 only");
      }
      Scd2Columns v = Scd2Columns.DEFAULT;
      if (scd2Columns != null) {
        String[] names = exactly(scd2Columns, "--scd2-columns", 3);
        v = new Scd2Columns(names[0], names[1], names[2], null);
      }
      builder.scd2Columns(v.withOpenEnd(openEnd()));
    }
    if (mode == TargetMode.SCD2
        && createTarget != null
        && createTarget.isBlank()
        && mapping.keyColumns().isEmpty()) {
      throw usage(
          "--target-mode scd2 keeps one row per version of a source row and needs its key"
              + " columns: give them to --create-target COLS or --key-columns");
    }
  }

  private LocalDateTime openEnd() {
    if (scd2OpenEnd == null || scd2OpenEnd.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return LocalDateTime.parse(scd2OpenEnd.trim().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw usage(
          "--scd2-open-end takes null or a time such as '9999-12-31 23:59:59', got '"
              + scd2OpenEnd
              + "'");
    }
  }

  private String[] exactly(String list, String option, int count) {
    String[] names = columns(list, option);
    if (names.length != count) {
      throw usage(option + " takes " + count + " comma-separated column names, got '" + list + "'");
    }
    return names;
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

  private SchemaChangePolicy schemaChangePolicy() {
    return new SchemaChangePolicy(
        choice(onRenamedColumns, "--on-renamed-columns", SchemaChangePolicy.Renamed.class),
        choice(onTypeChanges, "--on-type-changes", SchemaChangePolicy.TypeChanges.class),
        choice(onDroppedColumns, "--on-dropped-columns", SchemaChangePolicy.Dropped.class));
  }

  private <E extends Enum<E>> E choice(String value, String option, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw usage(
        option
            + " must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList()
            + ", got '"
            + value
            + "'");
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

  /** The comma-separated column names of {@code option}'s value. */
  private String[] columns(String list, String option) {
    String[] names = Arrays.stream(list.split(",", -1)).map(String::trim).toArray(String[]::new);
    if (Arrays.stream(names).anyMatch(String::isEmpty)) {
      throw usage(option + " needs comma-separated column names, got '" + list + "'");
    }
    return names;
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
