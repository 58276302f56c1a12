package io.github.maxcdc.testkit.internal.protocol;

import java.util.Optional;

/**
 * The REGISTER message, parsed like {@code AvroSession::do_registration}: {@code "REGISTER UUID="}
 * must occur somewhere, the UUID is read from offset 14 (at most 36 chars, cut at ',' or ' '), and
 * {@code "TYPE="} is searched for after it; only {@code AVRO} and {@code JSON} are accepted (a
 * trailing newline is fine, fixture {@code a3_register_trailing_newline_ok}). Stateless.
 */
public final class Registration {
  private static final String PREFIX = "REGISTER UUID=";
  private static final int UUID_LENGTH = 36;

  /** The stream formats a client can register for. */
  public enum Format {
    /** One JSON object per line. */
    JSON,
    /** The Avro object container bytes. */
    AVRO
  }

  private Registration() {}

  /**
   * Parses a REGISTER message.
   *
   * @param message raw bytes of one read
   * @return the requested format, or empty if MaxScale answers "Registration failed"
   */
  public static Optional<Format> parse(byte[] message) {
    String request = CStrings.cString(message);
    if (!request.contains(PREFIX)) {
      return Optional.empty();
    }
    int dataLen = message.length - PREFIX.length();
    int uuidLen = Math.min(dataLen, UUID_LENGTH);
    String uuid =
        uuidLen <= 0
            ? ""
            : request.substring(
                PREFIX.length(), Math.min(request.length(), PREFIX.length() + uuidLen));
    int cut = uuid.indexOf(',');
    if (cut >= 0) {
      uuid = uuid.substring(0, cut);
    }
    cut = uuid.indexOf(' ');
    if (cut >= 0) {
      uuid = uuid.substring(0, cut);
    }
    if (uuid.length() < uuidLen) {
      dataLen -= uuidLen - uuid.length();
    }
    if (dataLen <= 0) {
      return Optional.empty();
    }
    // sizeof(reg_uuid) counts the terminating NUL: the search starts one char after the UUID.
    int from = PREFIX.length() + 1 + uuid.length();
    int type = from > request.length() ? -1 : request.indexOf("TYPE=", from);
    if (type < 0) {
      return Optional.empty();
    }
    String value = request.substring(type + 5);
    if (value.startsWith("AVRO")) {
      return Optional.of(Format.AVRO);
    }
    if (value.startsWith("JSON")) {
      return Optional.of(Format.JSON);
    }
    return Optional.empty();
  }
}
