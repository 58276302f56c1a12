package io.github.maxcdc.testkit.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The exact reply bytes of MaxScale 24.02.3's CDC protocol. {@code CDCClientConnection::write(const
 * char*)} appends a newline to every text message, which is why the auth acknowledgement "OK\n"
 * arrives as {@code "OK\n\n"} (fixture {@code a_commandes_json}).
 */
public final class Replies {
  /** Authentication accepted. */
  public static final byte[] AUTH_OK = ascii("OK\n\n");

  /**
   * Authentication refused (wrong password, unknown user, malformed message); then the server
   * closes.
   */
  public static final byte[] AUTH_FAILED = ascii("ERROR: Authentication failed\n\n");

  /** Registration accepted. */
  public static final byte[] REGISTER_OK = ascii("OK\n");

  /** Registration refused; then the server closes. */
  public static final byte[] REGISTER_FAILED = ascii("ERR, code 12, msg: Registration failed\n");

  /** REQUEST-DATA without argument. */
  public static final byte[] NO_DATA = ascii("ERR REQUEST-DATA with no data.\n");

  /** REQUEST-DATA with an empty file name (e.g. {@code "REQUEST-DATA "}). */
  public static final byte[] NO_FILENAME = ascii("ERR NO-FILE Filename not specified.\n");

  /** Any other command: note the trailing NUL byte (fixture {@code d08_malformed_command}). */
  public static final byte[] UNKNOWN_COMMAND = ascii("ERR: Unknown command\n\0");

  private Replies() {}

  /**
   * The reply to a REQUEST-DATA naming a file that does not exist.
   *
   * @param rawFileName the file name exactly as derived from the request, one char per byte
   * @return reply bytes
   */
  public static byte[] noFile(String rawFileName) {
    return CStrings.bytes("ERR NO-FILE File '" + rawFileName + "' not found.\n");
  }

  /**
   * A text message as {@code write(const char*)} sends it (newline appended).
   *
   * @param text the message
   * @return reply bytes
   */
  public static byte[] line(String text) {
    return ascii(text + "\n");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
