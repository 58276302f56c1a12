package io.github.maxcdc.testkit.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CDC users, stored like MaxScale's {@code cdcusers} file: user name to SHA1(SHA1(password)).
 * Immutable and thread-safe; no password or digest ever reaches {@link #toString()}.
 */
public final class Users {
  private final Map<String, byte[]> doubleSha1;

  /**
   * Creates the user table.
   *
   * @param passwords user name to clear-text password
   */
  public Users(Map<String, String> passwords) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    passwords.forEach((user, pw) -> m.put(user, sha1(sha1(pw.getBytes(StandardCharsets.UTF_8)))));
    this.doubleSha1 = Map.copyOf(m);
  }

  /**
   * Checks an authentication message like {@code cdc_auth_check}: SHA1 of the 20 received bytes
   * must equal the stored SHA1(SHA1(password)).
   *
   * @param message the parsed message
   * @return true if the user exists and the password matches
   */
  public boolean authenticate(AuthMessage message) {
    byte[] stored = doubleSha1.get(CStrings.utf8(message.user()));
    return stored != null && MessageDigest.isEqual(stored, sha1(message.passwordSha1()));
  }

  /**
   * Returns the user names.
   *
   * @return user names
   */
  public Set<String> names() {
    return doubleSha1.keySet();
  }

  static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "Users" + names();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Users u
        && u.doubleSha1.keySet().equals(doubleSha1.keySet())
        && doubleSha1.entrySet().stream()
            .allMatch(e -> Arrays.equals(e.getValue(), u.doubleSha1.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return doubleSha1.keySet().hashCode();
  }
}
