package io.github.maxcdc.jdbc.internal.verify;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.snapshot.SourceSnapshot;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of a comparison: a read-only connection, the table, its compared columns and key columns
 * (names as this side spells them, in the source's order) and the SQL computed there. Not
 * thread-safe: each side is used by one thread at a time.
 */
final class Side implements AutoCloseable {
  private final Connection connection;
  private final TableId table;
  private final List<TargetColumn> types; // the source's columns: they choose the renderings
  private final List<String> names;
  private final List<String> keys;
  private final List<Boolean> binaryKeys;
  private final List<Boolean> numericKeys;
  private final String row;

  Side(
      Connection connection,
      TableId table,
      List<TargetColumn> types,
      List<String> names,
      List<String> keys,
      List<Boolean> binaryKeys,
      List<Boolean> numericKeys) {
    this.connection = connection;
    this.table = table;
    this.types = types;
    this.names = names;
    this.keys = keys;
    this.binaryKeys = binaryKeys;
    this.numericKeys = numericKeys;
    this.row = Canonical.row(types, names);
  }

  /** Count and checksums of the rows in (lo, hi]: {count, sum, xor}. */
  long[] checksum(List<Object> lo, List<Object> hi) throws SQLException {
    String sql =
        Canonical.chunkChecksum(
            "SELECT CRC32(" + row + ") AS c FROM " + MariaDbDialect.table(table) + where(lo, hi));
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      bindRange(p, lo, hi);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  /** A row's key and hash. */
  record Keyed(List<Object> key, String hash) {}

  /** The rows in (lo, hi]: encoded key ({@code KeyCodec}) to key and row hash. */
  Map<String, Keyed> hashes(List<Object> lo, List<Object> hi) throws SQLException {
    String sql =
        "SELECT "
            + Canonical.keyList(keys)
            + ", MD5("
            + row
            + ") FROM "
            + MariaDbDialect.table(table)
            + where(lo, hi);
    Map<String, Keyed> out = new LinkedHashMap<>();
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      bindRange(p, lo, hi);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          List<Object> key = readKey(rs);
          out.put(KeyCodec.encode(key), new Keyed(key, rs.getString(keys.size() + 1)));
        }
      }
    }
    return out;
  }

  /** The hash of the row of {@code key}, or null if this side has no such row. */
  String hash(List<Object> key) throws SQLException {
    String sql =
        "SELECT MD5("
            + row
            + ") FROM "
            + MariaDbDialect.table(table)
            + " WHERE "
            + Canonical.equal(keys);
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < key.size(); i++) {
        bind(p, i + 1, key.get(i), i);
      }
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The per-column hashes of the row of {@code key}, or null if this side has no such row. */
  List<String> columnHashes(List<Object> key) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < names.size(); i++) {
      select
          .append(i == 0 ? "" : ", ")
          .append("MD5(CONCAT(ISNULL(")
          .append(MariaDbDialect.quote(names.get(i)))
          .append("), '#', COALESCE(")
          .append(Canonical.column(types.get(i), names.get(i)))
          .append(", '')))");
    }
    String sql =
        select + " FROM " + MariaDbDialect.table(table) + " WHERE " + Canonical.equal(keys);
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < key.size(); i++) {
        bind(p, i + 1, key.get(i), i);
      }
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          out.add(rs.getString(i + 1));
        }
        return out;
      }
    }
  }

  /**
   * The rows in (lo, hi] whose encoded key is in {@code wanted}: for each, its key then its values
   * in compared-column order, each as the text or bytes the snapshot copies.
   */
  List<Object[]> rows(List<Object> lo, List<Object> hi, java.util.Set<String> wanted)
      throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ").append(Canonical.keyList(keys));
    for (String name : names) {
      select.append(", ").append(MariaDbDialect.quote(name));
    }
    String sql = select + " FROM " + MariaDbDialect.table(table) + where(lo, hi);
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      bindRange(p, lo, hi);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (!wanted.contains(KeyCodec.encode(readKey(rs)))) {
            continue;
          }
          Object[] values = new Object[names.size()];
          for (int i = 0; i < names.size(); i++) {
            int column = keys.size() + i + 1;
            values[i] =
                SourceSnapshot.isBinary(types.get(i)) ? rs.getBytes(column) : rs.getString(column);
          }
          out.add(values);
        }
      }
    }
    return out;
  }

  /** Binds the values of key column {@code keyColumn} as this side reads them. */
  void bindKey(PreparedStatement p, int i, Object value, int keyColumn) throws SQLException {
    bind(p, i, value, keyColumn);
  }

  /** The key column names, as this side spells them. */
  List<String> keys() {
    return keys;
  }

  /** The compared column names, as this side spells them. */
  List<String> names() {
    return names;
  }

  /** The table. */
  TableId table() {
    return table;
  }

  /** The key {@code chunkRows} rows after {@code lo} (the end of a chunk), or null if fewer. */
  List<Object> chunkEnd(List<Object> lo, int chunkRows) throws SQLException {
    String sql =
        "SELECT "
            + Canonical.keyList(keys)
            + " FROM "
            + MariaDbDialect.table(table)
            + where(lo, null)
            + " ORDER BY "
            + Canonical.keyList(keys)
            + " LIMIT 1 OFFSET "
            + (chunkRows - 1);
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      bindRange(p, lo, null);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? readKey(rs) : null;
      }
    }
  }

  private String where(List<Object> lo, List<Object> hi) {
    List<String> terms = new ArrayList<>();
    if (lo != null) {
      terms.add(Canonical.after(keys));
    }
    if (hi != null) {
      terms.add("NOT " + Canonical.after(keys));
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  private void bindRange(PreparedStatement p, List<Object> lo, List<Object> hi)
      throws SQLException {
    int i = 1;
    for (List<Object> bound : java.util.Arrays.asList(lo, hi)) {
      if (bound == null) {
        continue;
      }
      for (int k = 0; k < bound.size(); k++) {
        for (int j = 0; j <= k; j++) {
          bind(p, i++, bound.get(j), j);
        }
      }
    }
  }

  private List<Object> readKey(ResultSet rs) throws SQLException {
    List<Object> key = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      key.add(binaryKeys.get(i) ? rs.getBytes(i + 1) : rs.getString(i + 1));
    }
    return key;
  }

  private void bind(PreparedStatement p, int i, Object value, int keyColumn) throws SQLException {
    SourceSnapshot.bind(p, i, value, numericKeys.get(keyColumn));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /** Key values as text, and back. */
  static final class KeyValues {
    private KeyValues() {}

    static String text(List<Object> key) {
      StringBuilder out = new StringBuilder();
      for (Object v : key) {
        out.append(out.length() == 0 ? "" : ", ");
        out.append(
            v == null
                ? "NULL"
                : v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : v.toString());
      }
      return out.toString();
    }
  }
}
