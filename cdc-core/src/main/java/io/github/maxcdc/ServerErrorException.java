package io.github.maxcdc;

/**
 * MaxScale answered with an error ({@code ERR ...} or {@code ERROR: ...}). {@link #serverText()} is
 * the server's reply exactly, without its line end.
 */
public class ServerErrorException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final String serverText;

  /** Creates the exception; {@code serverText} is the server's reply. */
  public ServerErrorException(String message, String serverText) {
    super(message);
    this.serverText = serverText;
  }

  /** The server's reply, e.g. {@code ERR REQUEST-DATA with no data.} */
  public String serverText() {
    return serverText;
  }
}
