package io.github.maxcdc.internal.decode;

import io.github.maxcdc.NoSuchTableException;
import io.github.maxcdc.ServerErrorException;
import io.github.maxcdc.event.TableId;

/** Turns MaxScale's {@code ERR} replies into typed exceptions with the server's text. */
public final class ServerReplies {
  private ServerReplies() {}

  /** Whether the bytes at {@code off} start with {@code ERR}. */
  public static boolean isError(byte[] bytes, int off, int len) {
    return len >= 3 && bytes[off] == 'E' && bytes[off + 1] == 'R' && bytes[off + 2] == 'R';
  }

  /**
   * The exception for an {@code ERR ...} reply received in answer to {@code REQUEST-DATA} for
   * {@code table} (the text without its line end and trailing NUL).
   */
  public static ServerErrorException requestError(String received, DecodeContext context) {
    return requestError(context.redact(received), context.table(), context.server());
  }

  /**
   * The exception for an {@code ERR ...} reply (already redacted) to {@code REQUEST-DATA} for
   * {@code table}.
   */
  public static ServerErrorException requestError(String text, TableId table, String server) {
    if (text.startsWith("ERR NO-FILE")) {
      return new NoSuchTableException(
          "MaxScale at "
              + server
              + " has no change file for table "
              + table
              + " ("
              + text
              + "): check the database and table names, and that the avrorouter replicates them; "
              + "MaxScale creates a table's file only when the table's first row is written, so "
              + "an existing table that was never written gives this error too",
          text,
          table);
    }
    if (text.startsWith("ERR REQUEST-DATA")) {
      return new ServerErrorException(
          "MaxScale at " + server + " refused the REQUEST-DATA for " + table + ": " + text, text);
    }
    if (text.startsWith("ERR: Unknown command")) {
      return new ServerErrorException(
          "MaxScale at "
              + server
              + " did not recognise the request for "
              + table
              + " as a command ("
              + text
              + "): is this a CDC listener of an avrorouter service?",
          text);
    }
    return new ServerErrorException(
        "MaxScale at " + server + " reported an error while streaming " + table + ": " + text,
        text);
  }
}
