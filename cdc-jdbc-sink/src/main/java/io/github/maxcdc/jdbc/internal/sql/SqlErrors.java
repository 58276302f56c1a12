package io.github.maxcdc.jdbc.internal.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies the target's errors: transient ones (connection lost, deadlock, lock wait timeout) are
 * retried from the last commit; data errors stop the sink at the failing change; schema errors
 * (unknown column, no table) stop it with a message about the table. Messages built here say what
 * went wrong without the value: MariaDB's own message often quotes it, so only the error's kind and
 * the column name are taken from it.
 */
public final class SqlErrors {
  /** What an error means for the sink. */
  public enum Kind {
    /** Retry after a pause, on a new connection. */
    TRANSIENT,
    /** A value the target refuses: stop at the change holding it. */
    DATA,
    /** The target table does not fit the statements. */
    SCHEMA,
    /** The user was refused: a wrong password or a missing grant. */
    ACCESS,
    /** Anything else: stop. */
    OTHER
  }

  // MariaDB error codes that mean "try again" or "the connection is gone"
  private static final java.util.Set<Integer> TRANSIENT_CODES =
      java.util.Set.of(1205, 1213, 1927, 2002, 2003, 2006, 2013, 1040, 1053, 1317, 3024);

  // access denied for user / to database, command / column command denied, not the privilege
  private static final java.util.Set<Integer> ACCESS_CODES =
      java.util.Set.of(1044, 1045, 1142, 1143, 1227, 1370);

  private static final Map<Integer, String> DATA_ERRORS =
      Map.ofEntries(
          Map.entry(1048, "the column cannot be NULL"),
          Map.entry(1062, "a duplicate entry for a unique key"),
          Map.entry(1264, "the value is out of range for the column"),
          Map.entry(1265, "the value was truncated"),
          Map.entry(1292, "the value is not a valid date or time for the column"),
          Map.entry(1366, "the value is not valid for the column"),
          Map.entry(1406, "the value is too long for the column"),
          Map.entry(1451, "a foreign key refuses the change"),
          Map.entry(1452, "a foreign key refuses the change"),
          Map.entry(4025, "a CHECK constraint refuses the value"));

  private static final Pattern COLUMN =
      Pattern.compile(
          "(?:column|for column) ['`\"]?(?:[^'`\". ]+['`\"]?\\.['`\"]?)*([^'`\" ]+)['`\"]?",
          Pattern.CASE_INSENSITIVE);

  private SqlErrors() {}

  /** What {@code e} means. */
  public static Kind classify(SQLException e) {
    if (e.getSQLState() == null
        && e.getErrorCode() == 0
        && e.getCause() instanceof SQLException c) {
      // a wrapper that says nothing itself: Connector/J reports a connection lost in the middle of
      // a batch as a BatchUpdateException without SQLState around the connection's exception
      return classify(c);
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int code = e.getErrorCode();
    if (state.startsWith("28") || ACCESS_CODES.contains(code)) {
      return Kind.ACCESS; // retrying will not help
    }
    if (e instanceof SQLTransientException
        || e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || state.startsWith("08")
        || state.equals("40001")
        || TRANSIENT_CODES.contains(code)) {
      return Kind.TRANSIENT;
    }
    if (state.startsWith("22") || state.startsWith("23") || DATA_ERRORS.containsKey(code)) {
      return Kind.DATA;
    }
    if (state.startsWith("42") || code == 1054 || code == 1146) {
      return Kind.SCHEMA;
    }
    return Kind.OTHER;
  }

  /** The column MariaDB's message names, if any. */
  public static String column(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = COLUMN.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  /**
   * The error without the value: its kind, SQLState and code ({@code the value is too long for the
   * column (SQLState 22001, error 1406)}).
   */
  public static String describe(SQLException e) {
    String kind = DATA_ERRORS.getOrDefault(e.getErrorCode(), "the target refused the statement");
    return kind + " (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
  }

  /** The error's own message, for errors that hold no value (connection and schema errors). */
  public static String message(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl))
        + " (SQLState "
        + e.getSQLState()
        + ", error "
        + e.getErrorCode()
        + ")";
  }
}
