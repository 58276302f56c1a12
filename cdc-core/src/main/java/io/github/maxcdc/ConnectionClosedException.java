package io.github.maxcdc;

/**
 * The connection ended: the server closed it (MaxScale never ends a change stream by itself) or the
 * network failed. {@link #midRecord()} tells whether a record was cut in the middle; no partial
 * record is ever delivered. Transient.
 */
public final class ConnectionClosedException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final boolean midRecord;

  /** Creates the exception. */
  public ConnectionClosedException(String message, boolean midRecord, Throwable cause) {
    super(message, cause);
    this.midRecord = midRecord;
  }

  /** Whether the connection ended in the middle of a record. */
  public boolean midRecord() {
    return midRecord;
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
