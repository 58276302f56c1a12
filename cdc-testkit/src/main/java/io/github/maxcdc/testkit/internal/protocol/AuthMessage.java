package io.github.maxcdc.testkit.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The authentication message: ASCII hex of {@code user + ":" + SHA1(password)}. Parsed like {@code
 * CDCClientAuthenticator::set_client_data}: an odd last byte is ignored, at most 128 hex chars, the
 * decoded text is split at its first ':' and exactly 20 bytes must follow. Immutable; the digest is
 * a secret and never appears in {@link #toString()}.
 */
public final class AuthMessage {
  /** {@code CDC_USER_MAXLEN}. */
  static final int MAX_LENGTH = 128;

  private static final int SHA1_LENGTH = 20;

  private final String user;
  private final byte[] passwordSha1;

  private AuthMessage(String user, byte[] passwordSha1) {
    this.user = user;
    this.passwordSha1 = passwordSha1;
  }

  /**
   * Parses an authentication message.
   *
   * @param message raw bytes of one read
   * @return the parsed message, or empty if MaxScale would reject it as malformed
   */
  public static Optional<AuthMessage> parse(byte[] message) {
    int size = message.length - (message.length % 2);
    if (size == 0 || size > MAX_LENGTH) {
      return Optional.empty();
    }
    byte[] decoded = hexDecode(message, size);
    if (decoded == null) {
      return Optional.empty();
    }
    int colon = -1;
    for (int i = 0; i < decoded.length && decoded[i] != 0; i++) {
      if (decoded[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= 0 || decoded.length - colon - 1 != SHA1_LENGTH) {
      return Optional.empty();
    }
    String user = new String(decoded, 0, colon, StandardCharsets.ISO_8859_1);
    return Optional.of(
        new AuthMessage(user, Arrays.copyOfRange(decoded, colon + 1, decoded.length)));
  }

  private static byte[] hexDecode(byte[] hex, int size) {
    String text = new String(hex, 0, size, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < text.length(); i++) {
      if (!java.util.HexFormat.isHexDigit(text.charAt(i))) {
        return null;
      }
    }
    return java.util.HexFormat.of().parseHex(text, 0, size - size % 2);
  }

  /**
   * Returns the user name, one char per byte.
   *
   * @return user name
   */
  public String user() {
    return user;
  }

  /**
   * Returns a copy of the 20 raw bytes sent after the colon (SHA1 of the password).
   *
   * @return the digest
   */
  public byte[] passwordSha1() {
    return passwordSha1.clone();
  }

  /**
   * Builds the message a client sends.
   *
   * @param user user name
   * @param password password
   * @return the message bytes
   */
  public static byte[] encode(String user, String password) {
    byte[] head = (user + ":").getBytes(StandardCharsets.UTF_8);
    byte[] digest = Users.sha1(password.getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder();
    for (byte b : head) {
      sb.append(String.format(Locale.ROOT, "%02x", b & 0xFF));
    }
    for (byte b : digest) {
      sb.append(String.format(Locale.ROOT, "%02x", b & 0xFF));
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "AuthMessage[user=" + user + ", digest=<redacted>]";
  }
}
