package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.MariaDbText;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.PublishException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads from the source database, by key, the values of a row image that MaxScale damaged, as the
 * JDBC sink's re-read does ({@code cdc-jdbc-sink}'s {@code SourceRows}): VARBINARY values (cut at
 * their first NUL byte, silently) and the values whose fidelity is {@link Fidelity#INEXACT}, {@link
 * Fidelity#AMBIGUOUS} or {@link Fidelity#TRUNCATED} in the types that have an exact typed form
 * (DECIMAL, the binary types, TIMESTAMP, UUID, INET4, INET6). One {@code SELECT cols FROM t WHERE
 * key = ?} per row image that needs it, in a session in UTC. The value is the source's as it is
 * when read, which may be newer than the change (the later changes follow, so a reader converges to
 * the source); a row gone from the source keeps its values, flagged. BIT and JSON, which MaxScale
 * never carries, are not read (the envelope's value encoding has no form for them): they stay
 * {@code unavailable}. One connection, opened when first needed, dropped after a failure. Not
 * thread-safe: the publisher's thread.
 */
public final class SourceReread implements AutoCloseable {
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]", Locale.ROOT);

  private final DataSource source;
  private Connection connection;

  /** Re-reads through connections of {@code source}. */
  public SourceReread(DataSource source) {
    this.source = source;
  }

  /** Whether a value of {@code column} with fidelity {@code f} is read from the source. */
  static boolean rereads(Column column, Fidelity f, boolean isNull) {
    ColumnType t = column.type();
    if (t == ColumnType.VARBINARY) {
      return !isNull;
    }
    boolean exactForm =
        t == ColumnType.DECIMAL
            || t.isBinary()
            || t == ColumnType.TIMESTAMP
            || t == ColumnType.UUID
            || t == ColumnType.INET4
            || t == ColumnType.INET6;
    return exactForm
        && (f == Fidelity.INEXACT || f == Fidelity.AMBIGUOUS || f == Fidelity.TRUNCATED);
  }

  /**
   * {@code row} with its damaged values read from the source, exact; {@code row} itself when none
   * needs it, the key is the whole row ({@code key} empty) or the source no longer has the row.
   *
   * @throws PublishException if the source cannot be read
   */
  public Row repair(Row row, List<Column> key, boolean wholeRowKey) throws PublishException {
    List<Column> wanted = new ArrayList<>();
    for (Column c : row.schema().columns()) {
      if (rereads(c, row.fidelity(c.index()), row.isNull(c.index()))) {
        wanted.add(c);
      }
    }
    if (wanted.isEmpty() || wholeRowKey) {
      return row;
    }
    TableId table = row.schema().table();
    String sql = select(table, wanted, key);
    try {
      try (PreparedStatement s = connection().prepareStatement(sql)) {
        for (int i = 0; i < key.size(); i++) {
          bind(s, i + 1, row.get(key.get(i).index()));
        }
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return row; // gone from the source: its delete follows; the values stay flagged
          }
          Object[] values = new Object[row.size()];
          Object[] raw = new Object[row.size()];
          Fidelity[] fidelity = new Fidelity[row.size()];
          for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
            raw[i] = row.raw(i);
            fidelity[i] = row.fidelity(i);
          }
          for (int w = 0; w < wanted.size(); w++) {
            Column c = wanted.get(w);
            Object v = read(rs, w + 1, c);
            values[c.index()] = v;
            raw[c.index()] = v;
            fidelity[c.index()] = Fidelity.REPAIRED; // trustworthy, and known re-read
          }
          return Row.of(row.schema(), values, raw, fidelity);
        }
      }
    } catch (SQLException | RuntimeException e) {
      drop();
      throw new PublishException(
          "cannot re-read "
              + wanted.stream().map(Column::name).toList()
              + " of "
              + table
              + " from the source database: "
              + e.getMessage(),
          e instanceof SQLException se
              && se.getSQLState() != null
              && se.getSQLState().startsWith("08"),
          e);
    }
  }

  static String select(TableId table, List<Column> columns, List<Column> key) {
    return "SELECT "
        + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
        + " FROM "
        + quote(table.database())
        + "."
        + quote(table.table())
        + " WHERE "
        + key.stream().map(c -> quote(c.name()) + " <=> ?").collect(Collectors.joining(" AND "));
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static void bind(PreparedStatement s, int p, Object v) throws SQLException {
    if (v instanceof byte[] b) {
      s.setBytes(p, b);
    } else if (v instanceof Instant i) {
      s.setString(p, SQL_TIME.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
    } else if (v instanceof LocalDateTime t) {
      s.setString(p, SQL_TIME.format(t));
    } else if (v instanceof Duration d) {
      s.setString(p, MariaDbText.time(d));
    } else if (v instanceof InetAddress a) {
      s.setString(p, MariaDbText.inet(a));
    } else if (v instanceof UUID || v instanceof java.time.LocalDate) {
      s.setString(p, v.toString());
    } else if (v instanceof BigInteger b) {
      s.setBigDecimal(p, new BigDecimal(b));
    } else {
      s.setObject(p, v);
    }
  }

  private static Object read(ResultSet rs, int i, Column c) throws SQLException {
    ColumnType t = c.type();
    if (t.isBinary()) {
      return rs.getBytes(i);
    }
    String text = rs.getString(i);
    if (text == null) {
      return null;
    }
    switch (t) {
      case DECIMAL:
        return new BigDecimal(text);
      case TIMESTAMP:
        return LocalDateTime.parse(text, SQL_TIME).toInstant(ZoneOffset.UTC);
      case UUID:
        return UUID.fromString(text);
      default:
        return inet(t, text);
    }
  }

  private static InetAddress inet(ColumnType t, String text) {
    try {
      // an address literal: no name lookup
      InetAddress a = InetAddress.getByName(text);
      if (t == ColumnType.INET6 && a instanceof Inet4Address) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, -1);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + text, e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = source.getConnection();
      try (Statement s = c.createStatement()) {
        s.execute("SET SESSION time_zone = '+00:00'");
        c.setReadOnly(true);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      connection = c;
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
