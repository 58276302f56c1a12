package io.github.maxcdc.testkit.internal.avro;

/**
 * The testkit's one reader of Avro zig-zag varints (int and long values, lengths, block counts),
 * used by the Avro file reader, the record decoder and the AVRO-mode streamer. It reads as
 * MaxScale's {@code maxavro_read_integer} does: seven bits a byte, least significant first, at most
 * {@value #MAX_SIZE} bytes; a longer varint is {@code MAXAVRO_ERR_VALUE_OVERFLOW}, which stays set.
 * The testkit does not reuse cdc-core's varint decoder: it is an independent fake of MaxScale, and
 * decoding code shared with the client it tests would hide a bug on both sides. Not thread-safe:
 * one per reader.
 */
public final class VarintReader {
  /** {@code MAX_INTEGER_SIZE}: the longest varint, in bytes. */
  public static final int MAX_SIZE = 10;

  /**
   * Where a varint's bytes come from, one at a time.
   *
   * @param <E> what reading a byte may throw
   */
  @FunctionalInterface
  public interface ByteInput<E extends Exception> {
    /**
     * Reads the next byte.
     *
     * @return the byte, 0 to 255, or -1 at the end of the input
     * @throws E if reading fails
     */
    int next() throws E;
  }

  private boolean overflow;

  /**
   * Tells whether a varint was longer than {@link #MAX_SIZE} bytes.
   *
   * @return true after an overflow
   */
  public boolean overflow() {
    return overflow;
  }

  /**
   * Reads one varint; on overflow, the bytes read so far stay consumed.
   *
   * @param in the input
   * @param <E> what reading a byte may throw
   * @return the decoded value, or null if the input ended first or the varint is longer than {@link
   *     #MAX_SIZE} bytes (then {@link #overflow()} is true)
   * @throws E if reading fails
   */
  public <E extends Exception> Long read(ByteInput<E> in) throws E {
    long raw = 0;
    int b;
    int nread = 0;
    do {
      if (nread >= MAX_SIZE) {
        overflow = true;
        return null;
      }
      b = in.next();
      if (b < 0) {
        return null;
      }
      raw |= (long) (b & 0x7F) << (7 * nread++);
    } while ((b & 0x80) != 0);
    return (raw >>> 1) ^ -(raw & 1);
  }
}
