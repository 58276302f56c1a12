package io.github.maxcdc;

/**
 * MaxScale refused the user name or password ({@code ERROR: Authentication failed}) and closed the
 * connection. Not transient: retrying with the same credentials fails again.
 */
public final class AuthenticationException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code serverText} is the server's reply. */
  public AuthenticationException(String message, String serverText) {
    super(message, serverText);
  }
}
