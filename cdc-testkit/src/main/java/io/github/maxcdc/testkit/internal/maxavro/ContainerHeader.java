package io.github.maxcdc.testkit.internal.maxavro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata map of an object container header, read like maxavro's {@code read_schema}: the
 * schema text and the codec ({@code null}, {@code deflate}; {@code snappy} is recognised but
 * unreadable, as in MaxScale). Immutable.
 *
 * @param schema the {@code avro.schema} text
 * @param codec the {@code avro.codec}
 */
record ContainerHeader(String schema, Codec codec) {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerHeader.class);

  /** The codecs maxavro knows. */
  enum Codec {
    /** Uncompressed blocks. */
    NULL,
    /** Raw deflate blocks. */
    DEFLATE,
    /** Recognised, never implemented by MaxScale: such blocks cannot be read. */
    SNAPPY
  }

  /**
   * Reads the metadata map (after the magic).
   *
   * @param file the cursor, positioned after the magic
   * @param name file name for log messages
   * @return the header, or null if the map is truncated or has no schema
   * @throws IOException if reading fails
   */
  static ContainerHeader read(FileCursor file, String name) throws IOException {
    String schema = null;
    Codec codec = Codec.NULL;
    Long count;
    while ((count = file.readInteger()) != null && count != 0) {
      for (long i = 0; i < Math.abs(count); i++) {
        byte[] key = file.readLengthPrefixed();
        byte[] value = file.readLengthPrefixed();
        if (key == null || value == null) {
          return null;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        if (k.equals("avro.schema")) {
          schema = new String(value, StandardCharsets.UTF_8);
        } else if (k.equals("avro.codec")) {
          codec = codecOf(new String(value, StandardCharsets.UTF_8), codec, name);
        }
      }
    }
    if (count == null) {
      return null;
    }
    if (schema == null) {
      LOG.warn("{}: no schema found from Avro header", name);
      return null;
    }
    return new ContainerHeader(schema, codec);
  }

  private static Codec codecOf(String text, Codec current, String name) {
    return switch (text) {
      case "deflate" -> Codec.DEFLATE;
      case "snappy" -> Codec.SNAPPY;
      case "null" -> Codec.NULL;
      default -> {
        LOG.warn("{}: unknown Avro codec {}", name, text);
        yield current;
      }
    };
  }
}
