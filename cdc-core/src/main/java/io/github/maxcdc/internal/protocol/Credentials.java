package io.github.maxcdc.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A CDC user and the SHA-1 of its password: the password itself is not kept. The authentication
 * message built from them can be replayed to MaxScale, so it is a secret too: it is never put in a
 * string other than the one sent, and {@link #toString()} shows the user only.
 */
public final class Credentials {
  private final String user;
  private final byte[] passwordSha1;

  private Credentials(String user, byte[] passwordSha1) {
    this.user = user;
    this.passwordSha1 = passwordSha1;
  }

  /** Takes a user and password (UTF-8); only the password's SHA-1 is kept. */
  public static Credentials of(String user, char[] password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(encoded.duplicate());
      return new Credentials(user, sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    } finally {
      Arrays.fill(encoded.array(), (byte) 0);
    }
  }

  /** The user name. */
  public String user() {
    return user;
  }

  /**
   * The authentication message: the ASCII hex of {@code user:} followed by the hex of the
   * password's SHA-1 (fixture {@code a_commandes_json}, first client message).
   */
  byte[] authMessage() {
    HexFormat hex = HexFormat.of();
    String text =
        hex.formatHex((user + ":").getBytes(StandardCharsets.UTF_8)) + hex.formatHex(passwordSha1);
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code text} with every copy of the secrets (the authentication message, the password's SHA-1
   * hex in either case) replaced by {@code <hidden>}: a rogue server could echo them back in a
   * reply that ends up in an exception message or a log.
   */
  public String redact(String text) {
    HexFormat hex = HexFormat.of();
    String sha = hex.formatHex(passwordSha1);
    String redacted =
        text.replace(new String(authMessage(), StandardCharsets.US_ASCII), "<hidden>");
    redacted =
        redacted
            .replace(sha, "<hidden>")
            .replace(sha.toUpperCase(java.util.Locale.ROOT), "<hidden>");
    return redacted;
  }

  /** {@link #redact(String)} on bytes, one char per byte. */
  byte[] redact(byte[] bytes) {
    return redact(new String(bytes, StandardCharsets.ISO_8859_1))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=<hidden>]";
  }
}
