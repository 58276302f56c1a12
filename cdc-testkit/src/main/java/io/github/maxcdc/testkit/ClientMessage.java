package io.github.maxcdc.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One message a client sent: whatever one socket read returned, since MaxScale's CDC protocol has
 * no framing (a client that sends two commands without waiting for the reply gets them merged).
 * Returned by {@link FakeMaxScale#takeMessage}.
 *
 * <p>An authentication message carries a replayable credential; {@link #toString()} never shows it.
 * Immutable and thread-safe.
 */
public final class ClientMessage {
  /** How the server interpreted the message, from the connection's state when it arrived. */
  public enum Kind {
    /** The first message: hex of {@code user:} and SHA1(password). */
    AUTHENTICATION,
    /** The message after a successful authentication: {@code REGISTER UUID=..., TYPE=...}. */
    REGISTRATION,
    /** Any later message, such as {@code REQUEST-DATA db.table}. */
    COMMAND
  }

  private final int connection;
  private final int index;
  private final Kind kind;
  private final byte[] bytes;
  private final Instant receivedAt;

  ClientMessage(int connection, int index, Kind kind, byte[] bytes, Instant receivedAt) {
    this.connection = connection;
    this.index = index;
    this.kind = kind;
    this.bytes = bytes.clone();
    this.receivedAt = receivedAt;
  }

  /**
   * Returns the connection number, 1 for the first connection the server accepted.
   *
   * @return connection number
   */
  public int connection() {
    return connection;
  }

  /**
   * Returns the position of this message on its connection, from 0.
   *
   * @return message index
   */
  public int index() {
    return index;
  }

  /**
   * Returns how the server interpreted the message.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the raw bytes (a copy).
   *
   * @return bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the bytes decoded as UTF-8 (malformed input replaced).
   *
   * @return text
   */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns when the message was received.
   *
   * @return receive time
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * Returns the user name of an authentication message.
   *
   * @return the user, or empty if this is not a well-formed authentication message
   */
  public Optional<String> user() {
    if (kind != Kind.AUTHENTICATION) {
      return Optional.empty();
    }
    try {
      byte[] decoded =
          java.util.HexFormat.of().parseHex(new String(bytes, StandardCharsets.US_ASCII));
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          return Optional.of(new String(decoded, 0, i, StandardCharsets.UTF_8));
        }
      }
    } catch (IllegalArgumentException e) {
      // not hex
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    String content =
        kind == Kind.AUTHENTICATION
            ? "user=" + user().orElse("?") + ", credentials redacted"
            : "\"" + text().replace("\n", "\\n") + "\"";
    return "ClientMessage[connection "
        + connection
        + " #"
        + index
        + " "
        + kind
        + ": "
        + content
        + "]";
  }
}
