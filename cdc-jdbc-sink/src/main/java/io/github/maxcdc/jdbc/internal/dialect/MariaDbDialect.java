package io.github.maxcdc.jdbc.internal.dialect;

import io.github.maxcdc.event.TableId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL text the sink sends to MariaDB, and nothing else: no connection, no values (every value
 * is a {@code ?} parameter). Identifiers come from the stream and the configuration, so they are
 * always quoted with backticks, inner backticks doubled. Stateless, thread-safe.
 */
public final class MariaDbDialect {
  private MariaDbDialect() {}

  /** {@code `name`}, inner backticks doubled. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** {@code `db`.`table`}. */
  public static String table(TableId table) {
    return quote(table.database()) + "." + quote(table.table());
  }

  private static String list(List<String> columns) {
    return columns.stream().map(MariaDbDialect::quote).collect(Collectors.joining(", "));
  }

  /**
   * {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)} for every non-key column (a key column
   * when all are keys, so that the statement stays an upsert).
   */
  public static String upsert(TableId table, List<String> columns, List<String> keys) {
    return upsert(table, columns, keys, 1);
  }

  /**
   * The upsert of {@code rows} rows in one statement: {@code VALUES (?, ...), (?, ...)}; MariaDB
   * applies the rows in order, each updating with its own {@code VALUES(c)}, so a key given twice
   * ends with its last row, as with one statement per row.
   *
   * @throws IllegalArgumentException if {@code rows} is below 1
   */
  public static String upsert(TableId table, List<String> columns, List<String> keys, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    String group = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    String placeholders = String.join("), (", java.util.Collections.nCopies(rows, group));
    List<String> updated = columns.stream().filter(c -> !containsIgnoreCase(keys, c)).toList();
    if (updated.isEmpty()) {
      updated = List.of(columns.get(0));
    }
    String set =
        updated.stream()
            .map(c -> quote(c) + " = VALUES(" + quote(c) + ")")
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table(table)
        + " ("
        + list(columns)
        + ") VALUES ("
        + placeholders
        + ") ON DUPLICATE KEY UPDATE "
        + set;
  }

  /** A plain {@code INSERT}, for a target whose key columns have no unique index. */
  public static String insert(TableId table, List<String> columns) {
    String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    return "INSERT INTO " + table(table) + " (" + list(columns) + ") VALUES (" + placeholders + ")";
  }

  /** {@code DELETE ... WHERE key = ? AND ...} ({@code <=>} for nullable key columns). */
  public static String delete(TableId table, List<String> keys, List<Boolean> nullable) {
    return delete(table, keys, nullable, 1);
  }

  /**
   * The delete of {@code rows} keys in one statement: {@code WHERE key IN (?, ?, ...)} for one NOT
   * NULL key column, else {@code WHERE (a = ? AND b <=> ?) OR (...)}, which the range optimizer
   * reads as one lookup per key as well ({@code <=>} for nullable key columns, so that a NULL key
   * matches, as with one statement per key). Deletes commute, so the order of the keys is free.
   *
   * @throws IllegalArgumentException if {@code rows} is below 1
   */
  public static String delete(TableId table, List<String> keys, List<Boolean> nullable, int rows) {
    return "DELETE FROM " + table(table) + " WHERE " + whereAny(keys, nullable, rows);
  }

  /** {@code UPDATE ... SET column = ? WHERE key = ? AND ...}: a soft delete. */
  public static String softDelete(
      TableId table, String column, List<String> keys, List<Boolean> nullable) {
    return softDelete(table, column, keys, nullable, 1);
  }

  /**
   * The soft delete of {@code rows} keys in one statement, all marked with the same value, keys
   * matched as in {@link #delete(TableId, List, List, int)}.
   *
   * @throws IllegalArgumentException if {@code rows} is below 1
   */
  public static String softDelete(
      TableId table, String column, List<String> keys, List<Boolean> nullable, int rows) {
    return "UPDATE "
        + table(table)
        + " SET "
        + quote(column)
        + " = ? WHERE "
        + whereAny(keys, nullable, rows);
  }

  /**
   * How a column of a row image is compared with its bound value in a WHERE clause, always
   * NULL-safe ({@code <=>}): two NULLs are equal, as two identical rows of a table without a key
   * are.
   */
  public enum Compare {
    /** {@code c <=> ?}. */
    PLAIN,
    /**
     * {@code c <=> CAST(? AS FLOAT)}: a FLOAT column holds a single-precision value, and the bound
     * value arrives as decimal text, which MariaDB would compare as a double, never equal to it.
     */
    FLOAT,
    /** {@code c <=> CAST(? AS DOUBLE)}: compared as the column holds it. */
    DOUBLE,
    /**
     * {@code c <=> CONVERT(? USING utf8mb4) COLLATE utf8mb4_nopad_bin}: text compared character for
     * character whatever the column's collation (MariaDB's default ones ignore case and accents),
     * trailing spaces included, so that rows differing only there are told apart.
     */
    TEXT
  }

  /**
   * A column of a row image.
   *
   * @param name the column
   * @param compare how its value is compared
   */
  public record ImageColumn(String name, Compare compare) {}

  /**
   * {@code UPDATE ... SET c = ?, ... WHERE <image> LIMIT 1}: updates one row equal to the before
   * image, for a table without a key; {@code live} ({@link #notDeleted}) is an extra condition, or
   * null.
   */
  public static String updateByImage(
      TableId table, List<String> columns, List<ImageColumn> image, String live) {
    String set = columns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(", "));
    return "UPDATE " + table(table) + " SET " + set + " WHERE " + image(image, live) + " LIMIT 1";
  }

  /** {@code DELETE ... WHERE <image> LIMIT 1}: deletes one row equal to the before image. */
  public static String deleteByImage(TableId table, List<ImageColumn> image) {
    return "DELETE FROM " + table(table) + " WHERE " + image(image, null) + " LIMIT 1";
  }

  /**
   * {@code UPDATE ... SET column = ? WHERE <image> AND <live> LIMIT 1}: marks one not yet deleted
   * row equal to the before image.
   */
  public static String softDeleteByImage(
      TableId table, String column, List<ImageColumn> image, String live) {
    return "UPDATE "
        + table(table)
        + " SET "
        + quote(column)
        + " = ? WHERE "
        + image(image, live)
        + " LIMIT 1";
  }

  /**
   * The condition of a row that a soft delete has not marked: {@code flag = 0} for a flag column,
   * {@code column IS NULL} for a timestamp column.
   */
  public static String notDeleted(String column, boolean flag) {
    return quote(column) + (flag ? " = 0" : " IS NULL");
  }

  private static String image(List<ImageColumn> image, String live) {
    StringBuilder out = new StringBuilder();
    for (ImageColumn column : image) {
      if (out.length() > 0) {
        out.append(" AND ");
      }
      out.append(quote(column.name())).append(" <=> ");
      switch (column.compare()) {
        case FLOAT:
          out.append("CAST(? AS FLOAT)");
          break;
        case DOUBLE:
          out.append("CAST(? AS DOUBLE)");
          break;
        case TEXT:
          out.append("CONVERT(? USING utf8mb4) COLLATE utf8mb4_nopad_bin");
          break;
        default:
          out.append('?');
          break;
      }
    }
    if (live != null) {
      out.append(" AND ").append(live);
    }
    return out.toString();
  }

  private static String whereAny(List<String> keys, List<Boolean> nullable, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    if (rows == 1) {
      return where(keys, nullable);
    }
    if (keys.size() == 1 && !nullable.get(0)) {
      return quote(keys.get(0))
          + " IN ("
          + String.join(", ", java.util.Collections.nCopies(rows, "?"))
          + ")";
    }
    String one = "(" + where(keys, nullable) + ")";
    return String.join(" OR ", java.util.Collections.nCopies(rows, one));
  }

  private static String where(List<String> keys, List<Boolean> nullable) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(" AND ");
      }
      out.append(quote(keys.get(i))).append(nullable.get(i) ? " <=> ?" : " = ?");
    }
    return out.toString();
  }

  /**
   * {@code INSERT ... VALUES (...), ... ON DUPLICATE KEY UPDATE `once` = `once`}: appends {@code
   * rows} rows to a history table, a row whose key is already there left as it is (the same change
   * written again), so that the statement neither fails nor duplicates it. Unlike {@code INSERT
   * IGNORE} it keeps every other error an error: a value the column cannot hold is refused, never
   * cut with a warning.
   *
   * @param once a key column, assigned to itself on a duplicate key
   * @throws IllegalArgumentException if {@code rows} is below 1
   */
  public static String appendOnce(TableId table, List<String> columns, String once, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    String group = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table(table)
        + " ("
        + list(columns)
        + ") VALUES ("
        + String.join("), (", java.util.Collections.nCopies(rows, group))
        + ") ON DUPLICATE KEY UPDATE "
        + quote(once)
        + " = "
        + quote(once);
  }

  /**
   * {@code UPDATE ... SET `to` = ?, `current` = 0 WHERE key AND `current` = 1 AND `from` < ?}:
   * closes the current version of a key of an SCD2 table at a commit time (both parameters), unless
   * it was opened at that very time.
   */
  public static String closeVersion(
      TableId table,
      List<String> keys,
      List<Boolean> nullable,
      String validFrom,
      String validTo,
      String current) {
    return "UPDATE "
        + table(table)
        + " SET "
        + quote(validTo)
        + " = ?, "
        + quote(current)
        + " = 0 WHERE "
        + where(keys, nullable)
        + " AND "
        + quote(current)
        + " = 1 AND "
        + quote(validFrom)
        + " < ?";
  }

  /**
   * {@code DELETE ... WHERE key AND `current` = 1 AND `from` = ?}: removes the current version of a
   * key opened at the commit time of the delete that ends it (a version of no length).
   */
  public static String dropVersionAt(
      TableId table, List<String> keys, List<Boolean> nullable, String validFrom, String current) {
    return "DELETE FROM "
        + table(table)
        + " WHERE "
        + where(keys, nullable)
        + " AND "
        + quote(current)
        + " = 1 AND "
        + quote(validFrom)
        + " = ?";
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} of a history or SCD2 table: the source's columns (nullable
   * but for {@code notNull}), then the shape's, with {@code primaryKey} and, if not empty, a
   * secondary index on {@code index}.
   */
  public static String createShapedTable(
      TableId table,
      List<String> names,
      List<String> types,
      List<String> notNull,
      List<String> primaryKey,
      List<String> index) {
    StringBuilder out =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(table)).append(" (");
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(names.get(i))).append(' ').append(types.get(i));
      out.append(containsIgnoreCase(notNull, names.get(i)) ? " NOT NULL" : " NULL");
    }
    out.append(", PRIMARY KEY (").append(list(primaryKey)).append(')');
    if (!index.isEmpty()) {
      out.append(", KEY (").append(list(index)).append(')');
    }
    return out.append(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4").toString();
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} with the given column definitions and primary key; without
   * key columns, a table without a primary key.
   */
  public static String createTable(
      TableId table, List<String> names, List<String> types, List<String> keys) {
    StringBuilder out =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(table)).append(" (");
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(names.get(i))).append(' ').append(types.get(i));
      out.append(containsIgnoreCase(keys, names.get(i)) ? " NOT NULL" : " NULL");
    }
    if (!keys.isEmpty()) {
      out.append(", PRIMARY KEY (").append(list(keys)).append(')');
    }
    return out.append(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4").toString();
  }

  /** {@code ALTER TABLE ... ADD COLUMN ... NULL}, one clause per column. */
  public static String addColumns(TableId table, List<String> names, List<String> types) {
    StringBuilder out = new StringBuilder("ALTER TABLE ").append(table(table));
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? " " : ", ")
          .append("ADD COLUMN ")
          .append(quote(names.get(i)))
          .append(' ')
          .append(types.get(i))
          .append(" NULL");
    }
    return out.toString();
  }

  /** The checkpoint table: one row per stream, written in the same transaction as the rows. */
  public static String createCheckpointTable(TableId table) {
    return "CREATE TABLE IF NOT EXISTS "
        + table(table)
        + " ("
        + "`stream_id` VARCHAR(255) NOT NULL, "
        + "`gtid` VARCHAR(64) NOT NULL, "
        + "`event_number` INT NOT NULL, "
        + "`schema_version` INT NOT NULL, "
        + "`source_timestamp` BIGINT NOT NULL, "
        + "`applied_events` BIGINT NOT NULL, "
        + "`source_offset` VARCHAR(4096) NULL, "
        + "`updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), "
        + "PRIMARY KEY (`stream_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  }

  /**
   * Adds the source offset column to a checkpoint table created before it existed (a no-op
   * otherwise).
   */
  public static String addCheckpointSourceOffset(TableId table) {
    return "ALTER TABLE "
        + table(table)
        + " ADD COLUMN IF NOT EXISTS `source_offset` VARCHAR(4096) NULL AFTER `applied_events`";
  }

  /** Reads a stream's checkpoint. */
  public static String selectCheckpoint(TableId table) {
    return "SELECT `gtid`, `event_number`, `schema_version`, `source_timestamp`, `applied_events`,"
        + " `source_offset` FROM "
        + table(table)
        + " WHERE `stream_id` = ?";
  }

  /** Writes a stream's checkpoint. */
  public static String upsertCheckpoint(TableId table) {
    return upsert(
        table,
        List.of(
            "stream_id",
            "gtid",
            "event_number",
            "schema_version",
            "source_timestamp",
            "applied_events",
            "source_offset"),
        List.of("stream_id"));
  }

  /** The columns of a table, from information_schema. */
  public static String selectColumns() {
    return "SELECT `COLUMN_NAME`, `DATA_TYPE`, `COLUMN_TYPE`, `IS_NULLABLE` FROM `information_schema`.`COLUMNS`"
        + " WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` = ? ORDER BY `ORDINAL_POSITION`";
  }

  /** The unique indexes of a table, from information_schema. */
  public static String selectUniqueIndexes() {
    return "SELECT `INDEX_NAME`, `COLUMN_NAME` FROM `information_schema`.`STATISTICS`"
        + " WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` = ? AND `NON_UNIQUE` = 0"
        + " ORDER BY `INDEX_NAME` = 'PRIMARY' DESC, `INDEX_NAME`, `SEQ_IN_INDEX`";
  }

  /** Sets the session time zone to UTC: TIMESTAMP values are written as UTC date-times. */
  public static String utcSession() {
    return "SET time_zone = '+00:00'";
  }

  private static boolean containsIgnoreCase(List<String> names, String name) {
    return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
  }
}
