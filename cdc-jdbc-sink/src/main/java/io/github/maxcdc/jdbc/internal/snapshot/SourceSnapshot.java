package io.github.maxcdc.jdbc.internal.snapshot;

import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.source.SourceTable;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A consistent snapshot of the source: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, the
 * binlog position it corresponds to ({@code binlog_snapshot_file} / {@code
 * binlog_snapshot_position}, which InnoDB fixes atomically with the snapshot), turned into a GTID
 * position by {@code BINLOG_GTID_POS}, and the table's rows in key order through one streaming
 * query in that transaction. Not thread-safe; the caller closes the connection.
 */
public final class SourceSnapshot {
  private final Connection connection;
  private final String gtidPosition;

  private SourceSnapshot(Connection connection, String gtidPosition) {
    this.connection = connection;
    this.gtidPosition = gtidPosition;
  }

  /**
   * Opens the snapshot on {@code connection} (a read-only session).
   *
   * @throws SinkSchemaException if the source writes no binary log
   */
  public static SourceSnapshot open(Connection connection) throws SQLException, SinkException {
    try (Statement s = connection.createStatement()) {
      s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
      String file = null;
      long position = 0;
      try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog\\_snapshot\\_%'")) {
        while (rs.next()) {
          if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
            file = rs.getString(2);
          } else if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
            position = rs.getLong(2);
          }
        }
      }
      if (file == null || file.isEmpty()) {
        throw new SinkSchemaException(
            "the source database writes no binary log (binlog_snapshot_file is empty): MaxScale"
                + " replicates from the binary log, so maxcdc cannot tell which changes a copy"
                + " holds; give the connection of the server MaxScale replicates from (log_bin ON)",
            null);
      }
      try (PreparedStatement p = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
        p.setString(1, file);
        p.setLong(2, position);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          String gtid = rs.getString(1);
          if (gtid == null) {
            throw new SinkSchemaException(
                "the source could not turn its snapshot's binlog position "
                    + file
                    + ":"
                    + position
                    + " into a GTID position (BINLOG_GTID_POS returned NULL)",
                null);
          }
          return new SourceSnapshot(connection, gtid.trim());
        }
      }
    }
  }

  /** The GTID position of the snapshot, e.g. {@code 0-1-331}; empty if nothing was binlogged. */
  public String gtidPosition() {
    return gtidPosition;
  }

  /** The source's estimate of the table's rows ({@code information_schema.TABLES}). */
  public long estimatedRows(SourceTable table) throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement(
            "SELECT `TABLE_ROWS` FROM `information_schema`.`TABLES`"
                + " WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` = ?")) {
      p.setString(1, table.id().database());
      p.setString(2, table.id().table());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Streams the rows of {@code table} in key order, after {@code lastKey} (encoded by {@link
   * KeyCodec}) if not null. The caller closes the statement (its result set with it).
   */
  public PreparedStatement rows(SourceTable table, String lastKey) throws SQLException {
    String sql = select(table, lastKey != null);
    PreparedStatement p =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    // Connector/J streams a result set read with a fetch size instead of reading it whole
    p.setFetchSize(1000);
    if (lastKey != null) {
      List<Object> key = KeyCodec.decode(lastKey);
      int i = 1;
      // (a > ?) OR (a = ? AND b > ?) OR ...: for key column k, the k first values are bound
      for (int k = 0; k < key.size(); k++) {
        for (int j = 0; j <= k; j++) {
          bind(p, i++, key.get(j), isNumeric(table.key().get(j)));
        }
      }
    }
    return p;
  }

  /** The SELECT of the table's rows in key order, after a key if {@code resume}. */
  static String select(SourceTable table, boolean resume) {
    String columns =
        table.columns().stream()
            .map(c -> MariaDbDialect.quote(c.name()))
            .collect(Collectors.joining(", "));
    List<String> keys = table.keyNames().stream().map(MariaDbDialect::quote).toList();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(columns)
            .append(" FROM ")
            .append(MariaDbDialect.table(table.id()));
    if (resume) {
      List<String> alternatives = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < k; j++) {
          terms.add(keys.get(j) + " = ?");
        }
        terms.add(keys.get(k) + " > ?");
        alternatives.add("(" + String.join(" AND ", terms) + ")");
      }
      sql.append(" WHERE ").append(String.join(" OR ", alternatives));
    }
    return sql.append(" ORDER BY ").append(String.join(", ", keys)).toString();
  }

  /** Whether values of {@code column} are read and written as bytes rather than text. */
  public static boolean isBinary(TargetColumn column) {
    String t = column.dataType();
    return t.endsWith("binary") || t.endsWith("blob") || t.equals("bit") || t.equals("geometry");
  }

  /**
   * Whether {@code column} holds numbers: its key values are bound as {@code BigDecimal}, so that
   * the comparison with the column is exact and numeric whatever the server's rules for comparing a
   * number with a string (a double would not tell apart two BIGINTs beyond 2^53).
   */
  public static boolean isNumeric(TargetColumn column) {
    String t = column.dataType();
    return column.isInteger() || t.equals("decimal") || t.equals("year");
  }

  /** Binds a key value read by {@code getString}/{@code getBytes} back in the column's type. */
  public static void bind(PreparedStatement p, int i, Object value, boolean numeric)
      throws SQLException {
    if (value instanceof byte[] b) {
      p.setBytes(i, b);
    } else if (numeric && value != null) {
      p.setBigDecimal(i, new java.math.BigDecimal((String) value));
    } else {
      p.setString(i, (String) value);
    }
  }

  /** Ends the snapshot's transaction. */
  public void end() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("COMMIT");
    }
  }
}
