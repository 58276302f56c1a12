package io.github.maxcdc.internal.decode.avro;

import io.github.maxcdc.DecodeException;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates Avro's {@code deflate} codec blocks (raw RFC 1951 data), strictly. */
final class Deflate {
  private static final String CAUSE =
      ": likely cause: MaxScale 24.02 sends deflate-compressed AVRO blocks corrupted (it sends as "
          + "many bytes as the block holds uncompressed, not the compressed data alone); set "
          + "codec=null on the avrorouter service or use the JSON format";

  private Deflate() {}

  /**
   * Inflates {@code len} bytes; they must be exactly one complete deflate stream.
   *
   * @throws DecodeException if they are not, or inflate to more than {@code max} bytes
   */
  static byte[] inflate(byte[] buf, int off, int len, int max, String where)
      throws DecodeException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(buf, off, len);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len * 3));
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DecodeException(where + " ends before its deflate data does" + CAUSE);
        }
        out.write(chunk, 0, n);
        if (out.size() > max) {
          throw new DecodeException(where + " inflates to more than " + max + " bytes" + CAUSE);
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new DecodeException(
            where + " has " + inflater.getRemaining() + " bytes after its deflate data" + CAUSE);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new DecodeException(
          where + " is not valid deflate data (" + e.getMessage() + ")" + CAUSE, e);
    } finally {
      inflater.end();
    }
  }
}
