package io.github.maxcdc.testkit.internal.store;

import java.io.Closeable;
import java.io.IOException;

/**
 * Positional read access to one file that may grow while it is read (an avrorouter file being
 * appended to). Instances are used by one session thread at a time; {@link #close()} is idempotent.
 */
public interface ByteSource extends Closeable {

  /**
   * Reads up to {@code len} bytes at {@code position}.
   *
   * @param position file offset
   * @param dst destination
   * @param off offset in {@code dst}
   * @param len maximum number of bytes
   * @return number of bytes read, 0 at or past the current end of file
   * @throws IOException if the underlying file cannot be read
   */
  int read(long position, byte[] dst, int off, int len) throws IOException;

  @Override
  void close() throws IOException;
}
