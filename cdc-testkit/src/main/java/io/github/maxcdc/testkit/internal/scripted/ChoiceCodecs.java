package io.github.maxcdc.testkit.internal.scripted;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.github.maxcdc.testkit.internal.json.JsonText;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Codecs of ENUM, SET, BIT and JSON, which MaxScale 24.02.3 does not convert to their values. */
final class ChoiceCodecs {
  private static final JsonFactory JSON = new JsonFactory();

  private ChoiceCodecs() {}

  /** The stored bytes, little-endian, as MaxScale's upper-case {@code gw_bin2hex} prints them. */
  static byte[] storageHex(long value, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return JsonText.upperHex(b).getBytes(StandardCharsets.US_ASCII);
  }

  /** ENUM: the 1-based index in hex, e.g. {@code 'medium' -> "02"}. */
  record EnumCodec(List<String> members) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (value instanceof Integer i) {
        if (i < 1 || i > members.size()) {
          throw new IllegalArgumentException("index " + i + " not in 1.." + members.size());
        }
        return i;
      }
      if (!(value instanceof String s)) {
        throw ValueCodec.wrongType(value, "String (a member) or Integer (a 1-based index)");
      }
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).equalsIgnoreCase(s)) {
          return i + 1;
        }
      }
      throw new IllegalArgumentException("'" + s + "' is not one of " + members);
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return storageHex((Integer) stored, members.size() > 255 ? 2 : 1);
    }

    @Override
    public Object toJava(Object stored) {
      return members.get((Integer) stored - 1);
    }
  }

  /** SET: the bitmask in hex, e.g. {@code 'red,blue' -> "05"}, {@code '' -> "00"}. */
  record SetCodec(List<String> members) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (value instanceof Long || value instanceof Integer) {
        long mask = ((Number) value).longValue();
        if (mask < 0 || (members.size() < 64 && mask >= 1L << members.size())) {
          throw new IllegalArgumentException("bitmask " + mask + " out of range for " + members);
        }
        return mask;
      }
      Collection<?> labels;
      if (value instanceof String s) {
        labels = s.isEmpty() ? List.of() : List.of(s.split(",", -1));
      } else if (value instanceof Collection<?> c) {
        labels = c;
      } else {
        throw ValueCodec.wrongType(
            value, "String (comma-separated members), a Collection or a Long bitmask");
      }
      long mask = 0;
      for (Object label : labels) {
        mask |= 1L << indexOf(String.valueOf(label));
      }
      return mask;
    }

    private int indexOf(String label) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
          return i;
        }
      }
      throw new IllegalArgumentException("'" + label + "' is not one of " + members);
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      int n = members.size();
      int bytes = n <= 8 ? 1 : n <= 16 ? 2 : n <= 24 ? 3 : n <= 32 ? 4 : 8;
      return storageHex((Long) stored, bytes);
    }

    @Override
    public Object toJava(Object stored) {
      long mask = (Long) stored;
      StringJoiner members = new StringJoiner(",");
      for (int i = 0; i < this.members.size(); i++) {
        if ((mask & (1L << i)) != 0) {
          members.add(this.members.get(i));
        }
      }
      return members.toString();
    }
  }

  /**
   * BIT(n): accepted and range-checked, but MaxScale always writes "" ("BIT is not currently
   * supported"): {@code rpl.cc} hands the router the integer 0, which the avrorouter's string field
   * refuses and KafkaCDC writes as {@code 0} (recording {@code k1b_default_utf8_blobs}).
   */
  record BitCodec(int bits) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      BigInteger v;
      if (value instanceof Boolean b) {
        v = b ? BigInteger.ONE : BigInteger.ZERO;
      } else if (value instanceof byte[] b) {
        v = new BigInteger(1, b);
      } else if (value instanceof BigInteger b) {
        v = b;
      } else if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        v = BigInteger.valueOf(((Number) value).longValue());
        if (v.signum() < 0 && bits == 64) {
          v = v.add(BigInteger.ONE.shiftLeft(64));
        }
      } else {
        throw ValueCodec.wrongType(value, "Long, byte[], BigInteger or Boolean");
      }
      if (v.signum() < 0 || v.bitLength() > bits) {
        throw new IllegalArgumentException("does not fit in BIT(" + bits + "): " + v);
      }
      return v;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return new byte[0];
    }

    @Override
    public Object toReplicated(Object stored, ZoneId zone) {
      return 0;
    }
  }

  /**
   * JSON: validated like MariaDB's CHECK (json_valid), but the avrorouter always writes "": {@code
   * rpl.cc} hands the router the text as bytes (a JSON column is a BLOB in the binlog), which the
   * avrorouter's string field refuses and KafkaCDC writes as it is (recording {@code
   * k1b_default_utf8_blobs}).
   */
  record JsonCodec() implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (!(value instanceof String s)) {
        throw ValueCodec.wrongType(value, "String holding a JSON document");
      }
      try (JsonParser p = JSON.createParser(s)) {
        if (p.nextToken() == null) {
          throw new IllegalArgumentException("not valid JSON: empty text");
        }
        p.skipChildren();
        if (p.nextToken() != null) {
          throw new IllegalArgumentException("trailing text after the JSON document: '" + s + "'");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("not valid JSON: '" + s + "'", e);
      }
      return s;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return new byte[0];
    }

    @Override
    public Object toReplicated(Object stored, ZoneId zone) {
      return ((String) stored).getBytes(StandardCharsets.UTF_8);
    }
  }
}
