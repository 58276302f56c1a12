package io.github.maxcdc.testkit.internal.maxavro;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Raw-deflate decompression of one data block ({@code inflateInit2(-15)} in maxavro). Stateless.
 */
final class Inflation {
  private Inflation() {}

  /**
   * Inflates a block.
   *
   * @param raw compressed bytes
   * @return the decompressed bytes, or null if the data is not a complete deflate stream
   */
  static byte[] inflate(byte[] raw) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(raw);
      byte[] out = new byte[Math.max(64, raw.length * 2)];
      int total = 0;
      while (!inflater.finished()) {
        if (total == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        int n = inflater.inflate(out, total, out.length - total);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        total += n;
      }
      return Arrays.copyOf(out, total);
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }
}
