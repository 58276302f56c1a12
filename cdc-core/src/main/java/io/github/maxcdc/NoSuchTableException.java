package io.github.maxcdc;

import io.github.maxcdc.event.TableId;

/**
 * MaxScale has no file for the requested table or version ({@code ERR NO-FILE ...}); the connection
 * stays open. The avrorouter creates a table's file only when the table's first row change is
 * replicated, so an existing but never written table also gives this error: it is {@link
 * #isTransient() transient}.
 */
public final class NoSuchTableException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  private final TableId table;

  /** Creates the exception for {@code table}; {@code serverText} is the server's reply. */
  public NoSuchTableException(String message, String serverText, TableId table) {
    super(message, serverText);
    this.table = table;
  }

  /** The table that was asked for. */
  public TableId table() {
    return table;
  }

  /** True: the file appears once the table's first row is written. */
  @Override
  public boolean isTransient() {
    return true;
  }
}
