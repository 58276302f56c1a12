package io.github.maxcdc.testkit.internal.scripted;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.UUID;

/**
 * UUID, INET4 and INET6: stored in their binary form (16, 4, 16 bytes); MaxScale 24.02.3 does not
 * know these types and writes that binary form as an Avro string, cut at its first NUL byte
 * (recording {@code g_modern_*} of {@code maxscale-24.02.3-types}). Canonical values are {@code
 * byte[]}.
 */
final class AddressCodecs {
  private AddressCodecs() {}

  /** UUID: a {@link UUID}, its text form, or 16 bytes. */
  record UuidCodec() implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      UUID uuid;
      if (value instanceof UUID u) {
        uuid = u;
      } else if (value instanceof String s) {
        uuid = UUID.fromString(s.strip());
      } else if (value instanceof byte[] b && b.length == 16) {
        return b.clone();
      } else {
        throw ValueCodec.wrongType(value, "UUID, String or byte[16]");
      }
      return ByteBuffer.allocate(16)
          .putLong(uuid.getMostSignificantBits())
          .putLong(uuid.getLeastSignificantBits())
          .array();
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return StringCodecs.cutAtNul((byte[]) stored);
    }

    @Override
    public Object toJava(Object stored) {
      ByteBuffer b = ByteBuffer.wrap((byte[]) stored);
      return new UUID(b.getLong(), b.getLong());
    }
  }

  /** INET4 (4 bytes) or INET6 (16 bytes): an {@link InetAddress}, its text form, or the bytes. */
  record InetCodec(int length) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      byte[] bytes;
      if (value instanceof InetAddress a) {
        bytes = a.getAddress();
      } else if (value instanceof String s) {
        bytes = parse(s.strip());
      } else if (value instanceof byte[] b) {
        bytes = b.clone();
      } else {
        throw ValueCodec.wrongType(value, "InetAddress, String or byte[]");
      }
      if (bytes.length == 4 && length == 16) {
        byte[] mapped = new byte[16]; // MariaDB stores an IPv4 address in INET6 as ::ffff:a.b.c.d
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        bytes = mapped;
      }
      if (bytes.length != length) {
        throw new IllegalArgumentException(
            "expected an address of " + length + " bytes, got " + bytes.length);
      }
      return bytes;
    }

    private static byte[] parse(String text) {
      if (!text.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("not an IP address literal: '" + text + "'");
      }
      try {
        return InetAddress.getByName(text).getAddress(); // a literal: no name lookup
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address literal: '" + text + "'", e);
      }
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return StringCodecs.cutAtNul((byte[]) stored);
    }

    @Override
    public Object toJava(Object stored) {
      try {
        return InetAddress.getByAddress((byte[]) stored); // raw bytes: no name lookup
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a stored address has 4 or 16 bytes", e);
      }
    }
  }
}
