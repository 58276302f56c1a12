package io.github.maxcdc.internal.decode;

import io.github.maxcdc.DecodeException;
import java.util.function.Supplier;

/**
 * The bytes received and not yet consumed, in one growable array: {@code [start, end)} of {@link
 * #buf}. Grows up to the largest record plus one chunk, then refuses. Not thread-safe.
 */
public final class ByteWindow {
  private static final int INITIAL = 64 * 1024;

  public byte[] buf = new byte[INITIAL];
  public int start;
  public int end;

  /** Stream offset of {@code buf[0]}. */
  long base;

  private final int maxRecordBytes;

  public ByteWindow(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Appends {@code len} bytes, moving or growing the array as needed. */
  public void append(byte[] bytes, int off, int len, Supplier<String> what) throws DecodeException {
    if (end + len > buf.length) {
      int pending = end - start;
      if (pending + len > buf.length) {
        long wanted = Math.max((long) buf.length * 2, (long) pending + len);
        if (pending > maxRecordBytes) {
          throw new DecodeException(
              what.get()
                  + ": a record is longer than the maximum record size ("
                  + maxRecordBytes
                  + " bytes); raise it with CdcClient.Builder.maxRecordSize if the table really "
                  + "holds such rows");
        }
        byte[] grown = new byte[(int) Math.min(wanted, Integer.MAX_VALUE - 16)];
        System.arraycopy(buf, start, grown, 0, pending);
        buf = grown;
      } else {
        System.arraycopy(buf, start, buf, 0, pending);
      }
      base += start;
      end = pending;
      start = 0;
    }
    System.arraycopy(bytes, off, buf, end, len);
    end += len;
  }

  /** Bytes pending. */
  public int pending() {
    return end - start;
  }

  /** Stream offset of {@code buf[index]}. */
  public long offsetOf(int index) {
    return base + index;
  }

  /** Shrinks back after a large record, once nothing is pending. */
  public void compactIfIdle() {
    if (start == end) {
      base += start;
      start = 0;
      end = 0;
      if (buf.length > 4 * INITIAL) {
        buf = new byte[INITIAL];
      }
    }
  }
}
