package io.github.maxcdc.testkit.internal.scripted;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;

/** Codecs of the character and binary MariaDB types. Canonical values are {@code byte[]}. */
final class StringCodecs {
  private StringCodecs() {}

  static byte[] bytesOf(Object value) {
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof byte[] b) {
      return b.clone();
    }
    throw ValueCodec.wrongType(value, "String or byte[]");
  }

  /** The text of valid UTF-8 bytes, or a copy of bytes that are not valid UTF-8. */
  static Object textOrBytes(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return b.clone();
    }
  }

  /** MaxScale hands the value to avro-c as a C string: everything from the first NUL is lost. */
  static byte[] cutAtNul(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return Arrays.copyOf(b, i);
      }
    }
    return b;
  }

  /** CHAR(n) and VARCHAR(n): Avro string; CHAR loses its trailing spaces like in MariaDB. */
  record CharCodec(int maxChars, boolean fixed) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (value instanceof String s) {
        String v = fixed ? s.stripTrailing() : s;
        if (v.codePointCount(0, v.length()) > maxChars) {
          throw new IllegalArgumentException(
              "too long: "
                  + s.codePointCount(0, s.length())
                  + " characters for a length of "
                  + maxChars);
        }
        return v.getBytes(StandardCharsets.UTF_8);
      }
      byte[] b = bytesOf(value);
      if (b.length > 4L * maxChars) {
        throw new IllegalArgumentException(
            "too long: " + b.length + " bytes for a length of " + maxChars);
      }
      return b;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return cutAtNul((byte[]) stored);
    }

    @Override
    public Object toJava(Object stored) {
      return textOrBytes((byte[]) stored);
    }
  }

  /** VARBINARY(n): an Avro string holding raw bytes, cut at the first NUL. */
  record VarbinaryCodec(int maxBytes) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      byte[] b = bytesOf(value);
      if (b.length > maxBytes) {
        throw new IllegalArgumentException(
            "too long: " + b.length + " bytes for VARBINARY(" + maxBytes + ")");
      }
      return b;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return cutAtNul((byte[]) stored);
    }

    @Override
    public Object toJava(Object stored) {
      return ((byte[]) stored).clone();
    }
  }

  /**
   * TEXT and BLOB types: Avro bytes; an empty value is written as one NUL byte. {@code text} tells
   * TEXT types (seen as a String) from BLOB types (seen as bytes).
   */
  record LobCodec(long maxBytes, boolean text) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      byte[] b = bytesOf(value);
      if (b.length > maxBytes) {
        throw new IllegalArgumentException(
            "too long: " + b.length + " bytes, the maximum is " + maxBytes);
      }
      return b;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      byte[] b = (byte[]) stored;
      return b.length == 0 ? new byte[] {0} : b;
    }

    @Override
    public Object toJava(Object stored) {
      return text ? textOrBytes((byte[]) stored) : ((byte[]) stored).clone();
    }
  }

  /** BINARY(n): stored zero-padded; MaxScale writes Avro bytes without the trailing zeros. */
  record BinaryCodec(int length) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      byte[] b = bytesOf(value);
      if (b.length > length) {
        throw new IllegalArgumentException(
            "too long: " + b.length + " bytes for BINARY(" + length + ")");
      }
      return Arrays.copyOf(b, length);
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      byte[] b = (byte[]) stored;
      int end = b.length;
      while (end > 0 && b[end - 1] == 0) {
        end--;
      }
      return Arrays.copyOf(b, end);
    }

    @Override
    public Object toJava(Object stored) {
      return ((byte[]) stored).clone();
    }
  }
}
