package io.github.maxcdc.testkit.internal.store;

import java.io.IOException;
import java.util.Optional;

/**
 * The avrorouter output directory as MaxScale's client sessions see it: files looked up by plain
 * name ({@code db.table.000001.avro}, {@code db.table.000001.avsc}). Implementations are
 * thread-safe.
 */
public interface AvroStore {

  /**
   * Tells whether a file exists (MaxScale's {@code access(path, F_OK)}).
   *
   * @param name file name without directory
   * @return true if it exists
   */
  boolean exists(String name);

  /**
   * Opens a file for reading; the caller closes the source.
   *
   * @param name file name without directory
   * @return the source, or empty if the file does not exist
   * @throws IOException if it exists but cannot be opened
   */
  Optional<ByteSource> open(String name) throws IOException;

  /**
   * Reads a whole file.
   *
   * @param name file name without directory
   * @return its content, or empty if the file does not exist
   * @throws IOException if it exists but cannot be read
   */
  default Optional<byte[]> readAll(String name) throws IOException {
    Optional<ByteSource> source = open(name);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    try (ByteSource s = source.get()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long pos = 0;
      int n;
      while ((n = s.read(pos, buf, 0, buf.length)) > 0) {
        out.write(buf, 0, n);
        pos += n;
      }
      return Optional.of(out.toByteArray());
    }
  }
}
