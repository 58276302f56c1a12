package io.github.maxcdc;

/**
 * MaxScale refused the {@code REGISTER} message ({@code ERR, code 12, msg: Registration failed})
 * and closed the connection: the format is not JSON or AVRO, or the listener is not a CDC listener
 * of an avrorouter service.
 */
public final class RegistrationException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code serverText} is the server's reply. */
  public RegistrationException(String message, String serverText) {
    super(message, serverText);
  }
}
