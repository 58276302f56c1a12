package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the source says about a table at one instant: its columns, when its definition last changed
 * and when a transaction last wrote to it, on the source's clock.
 *
 * <p>The times come from {@code information_schema.TABLES}: {@code CREATE_TIME} is, for InnoDB, the
 * time its definition file was last written, which every {@code ALTER TABLE} does (a {@code RENAME
 * COLUMN} included); {@code UPDATE_TIME} is kept by InnoDB in memory and set when a transaction
 * that changed rows commits (not by a statement that changed none), NULL after a restart of the
 * server until the first such commit. Both are to the second. Immutable.
 *
 * @param columns the columns in table order; empty if the table does not exist or the user cannot
 *     see it
 * @param createTime {@code CREATE_TIME} in seconds since the epoch, or null when not known
 * @param updateTime {@code UPDATE_TIME} in seconds since the epoch, or null when not known
 * @param sourceNowMicros the source's clock when read, in microseconds since the epoch
 * @param readAtNanos the local {@link System#nanoTime()} of the same instant (the middle of the
 *     query)
 */
public record SourceState(
    List<TargetColumn> columns,
    Long createTime,
    Long updateTime,
    long sourceNowMicros,
    long readAtNanos) {

  // UNIX_TIMESTAMP reads the session's time zone, which source sessions set to UTC: no DST gap
  private static final String TIMES =
      "SELECT UNIX_TIMESTAMP(`CREATE_TIME`), UNIX_TIMESTAMP(`UPDATE_TIME`),"
          + " UNIX_TIMESTAMP(NOW(6)) FROM `information_schema`.`TABLES`"
          + " WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` = ?";

  /** Validates and copies. */
  public SourceState {
    columns = List.copyOf(columns);
  }

  /** Whether the table exists (and the user can see it). */
  public boolean exists() {
    return !columns.isEmpty();
  }

  /** Reads {@code table}'s state over {@code connection}, a UTC session. */
  public static SourceState read(Connection connection, TableId table) throws SQLException {
    List<TargetColumn> columns =
        TargetTable.read(connection, table).map(TargetTable::columns).orElse(List.of());
    long before = System.nanoTime();
    try (PreparedStatement s = connection.prepareStatement(TIMES)) {
      s.setString(1, table.database());
      s.setString(2, table.table());
      try (ResultSet rs = s.executeQuery()) {
        long after = System.nanoTime();
        long at = before + (after - before) / 2;
        if (!rs.next()) {
          return new SourceState(List.of(), null, null, nowMicros(connection), at);
        }
        return new SourceState(columns, seconds(rs, 1), seconds(rs, 2), micros(rs, 3), at);
      }
    }
  }

  private static long nowMicros(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT UNIX_TIMESTAMP(NOW(6))");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return micros(rs, 1);
    }
  }

  private static Long seconds(ResultSet rs, int column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    return value == null ? null : value.longValue();
  }

  private static long micros(ResultSet rs, int column) throws SQLException {
    return rs.getBigDecimal(column).movePointRight(6).longValue();
  }
}
