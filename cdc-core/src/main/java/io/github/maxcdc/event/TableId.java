package io.github.maxcdc.event;

import java.util.Locale;
import java.util.Objects;

/**
 * A table of the source database, {@code database.table}.
 *
 * @param database the database (schema) name, not empty
 * @param table the table name, not empty
 */
public record TableId(String database, String table) {

  /** Validates the components. */
  public TableId {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    if (database.isEmpty()) {
      throw new IllegalArgumentException("database must not be empty");
    }
    if (table.isEmpty()) {
      throw new IllegalArgumentException("table must not be empty");
    }
    checkName(database, "database");
    checkName(table, "table");
  }

  private static void checkName(String name, String what) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // MaxScale splits requests at spaces and dots and takes the rest as a file name.
      if (c == '.' || c <= ' ' || c == '/' || c == 0x7f) {
        throw new IllegalArgumentException(
            what
                + " name '"
                + name
                + "' contains '"
                + (c <= ' ' ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c))
                + "', which the MaxScale CDC protocol cannot carry in a request");
      }
    }
  }

  /**
   * Parses {@code database.table}.
   *
   * @throws IllegalArgumentException if the text has no single dot separating two names
   */
  public static TableId parse(String text) {
    Objects.requireNonNull(text, "text");
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "expected a table as database.table (e.g. shop_tx.commandes), got '" + text + "'");
    }
    return new TableId(text.substring(0, dot), text.substring(dot + 1));
  }

  /** Returns {@code database.table}. */
  @Override
  public String toString() {
    return database + "." + table;
  }
}
