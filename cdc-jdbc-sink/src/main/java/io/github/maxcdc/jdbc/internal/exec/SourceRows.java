package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.convert.ValueRefusedException;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Reread;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.source.SourceGuard;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads from the source database, by key, the values the stream cannot give exactly ({@link
 * Reread}): one {@code SELECT key..., columns... WHERE (key...) IN ((?, ...), ...)} per slice of
 * {@value #KEYS_PER_QUERY} keys, never one query per row. Values are read as the source's own text
 * (bytes for binary, BLOB and BIT columns), which the target converts exactly on write. One source
 * connection, opened when first needed and dropped after a failure. Not thread-safe: the sink's
 * thread.
 */
public final class SourceRows implements AutoCloseable {
  /** Most keys of one query. */
  static final int KEYS_PER_QUERY = 500;

  private final SourceConnector source;
  private final String description;
  private final TableId table;
  private Connection connection;

  /** Reads rows of {@code table} through {@code source} (described without secrets). */
  public SourceRows(SourceConnector source, String description, TableId table) {
    this.source = source;
    this.description = description;
    this.table = table;
  }

  /** Whether {@code row}, written with {@code plan}, needs values from the source. */
  static boolean needs(WritePlan plan, Row row) {
    for (Written w : plan.columns()) {
      if (w.reread() == Reread.ALWAYS) {
        return true;
      }
      if (w.reread() == Reread.UNTRUSTED) {
        Fidelity f = row.fidelity(w.source());
        if (!f.isTrustworthy() && f != Fidelity.ZERO_DATE) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The source's current values of the re-read columns of {@code rows}, by the rows' {@link #key};
   * a key absent from the result is a row the source no longer has.
   *
   * @throws SQLException on a transient failure of the source (the connection is dropped: the
   *     commit is retried)
   * @throws SinkException on any other failure of the source, naming it
   */
  Map<List<String>, Object[]> fetch(WritePlan plan, List<Row> rows)
      throws SQLException, SinkException {
    Map<List<String>, Row> wanted = new LinkedHashMap<>();
    for (Row row : rows) {
      wanted.putIfAbsent(key(plan, row), row);
    }
    Map<List<String>, Object[]> found = new HashMap<>();
    List<Row> distinct = new ArrayList<>(wanted.values());
    for (int from = 0; from < distinct.size(); from += KEYS_PER_QUERY) {
      List<Row> slice = distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_QUERY));
      query(plan, slice, wanted.keySet(), found);
    }
    return found;
  }

  private void query(
      WritePlan plan, List<Row> slice, Set<List<String>> asked, Map<List<String>, Object[]> found)
      throws SQLException, SinkException {
    List<Written> columns = rereadColumns(plan);
    String sql = select(plan, columns, slice.size());
    try {
      try (PreparedStatement s = connection().prepareStatement(sql)) {
        int p = 1;
        for (Row row : slice) {
          for (Written k : plan.key()) {
            bindKey(s, p++, k, row);
          }
        }
        try (ResultSet rs = s.executeQuery()) {
          int keys = plan.key().size();
          while (rs.next()) {
            List<String> key = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
              key.add(KeyText.of(rs.getObject(i + 1)));
            }
            if (!asked.contains(key)) {
              // a key the sink cannot match would leave values unwritten: say so, loudly
              throw new SinkException(
                  "re-reading "
                      + table
                      + " from the source returned a key the sink cannot match to the stream's"
                      + " rows (key columns "
                      + plan.key().stream().map(w -> w.target().name()).toList()
                      + "): report this with the key's types",
                  false,
                  null);
            }
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
              values[c] = read(rs, keys + c + 1, plan.schema().column(columns.get(c).source()));
            }
            found.put(key, values);
          }
        }
      }
    } catch (SQLException e) {
      drop();
      if (SqlErrors.classify(e) == SqlErrors.Kind.TRANSIENT) {
        throw e;
      }
      throw SourceGuard.unreachable(description + ", re-reading " + table, e);
    }
  }

  /** The columns a re-read fetches, in the plan's order. */
  static List<Written> rereadColumns(WritePlan plan) {
    return plan.columns().stream().filter(w -> w.reread() != Reread.NEVER).toList();
  }

  /** The SELECT of {@code rows} keys. */
  static String select(WritePlan plan, List<Written> columns, int rows) {
    List<String> keys =
        plan.key().stream().map(w -> sourceName(plan, w)).map(MariaDbDialect::quote).toList();
    String keyList = String.join(", ", keys);
    String one = "(" + keys.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
    String cols =
        columns.stream()
            .map(w -> MariaDbDialect.quote(sourceName(plan, w)))
            .collect(Collectors.joining(", "));
    return "SELECT "
        + keyList
        + ", "
        + cols
        + " FROM "
        + MariaDbDialect.table(plan.schema().table())
        + " WHERE ("
        + keyList
        + ") IN ("
        + String.join(", ", java.util.Collections.nCopies(rows, one))
        + ")";
  }

  private static String sourceName(WritePlan plan, Written w) {
    return plan.schema().column(w.source()).name();
  }

  /** The key of {@code row} as text that a value read back from the source renders the same. */
  static List<String> key(WritePlan plan, Row row) {
    List<String> key = new ArrayList<>(plan.key().size());
    for (Written k : plan.key()) {
      key.add(KeyText.of(row.get(k.source())));
    }
    return key;
  }

  private static void bindKey(PreparedStatement s, int p, Written k, Row row)
      throws SQLException, SinkException {
    try {
      k.binder().bind(s, p, row.get(k.source()));
    } catch (ValueRefusedException e) {
      throw new SinkException(
          "cannot re-read by key column '" + k.target().name() + "': " + e.getMessage(),
          false,
          null);
    }
  }

  private static Object read(ResultSet rs, int i, Column column) throws SQLException {
    ColumnType t = column.type();
    boolean bytes =
        t == ColumnType.BINARY
            || t == ColumnType.VARBINARY
            || t == ColumnType.TINYBLOB
            || t == ColumnType.BLOB
            || t == ColumnType.MEDIUMBLOB
            || t == ColumnType.LONGBLOB
            || t == ColumnType.BIT
            || t == ColumnType.UNKNOWN;
    return bytes ? rs.getBytes(i) : rs.getString(i);
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = source.open();
    }
    return connection;
  }

  private void drop() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    drop();
  }
}
