package io.github.maxcdc.archive.internal;

import io.github.maxcdc.archive.ArchiveException;
import io.github.maxcdc.event.TableSchema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an archive file line by line, decoded: each change line typed by the schema line before it.
 * Every failure is an {@link ArchiveException} naming the file and the line. Not thread-safe.
 */
public final class ArchiveFileReader implements Closeable {
  private final Path file;
  private final LineScanner scanner;
  private TableSchema schema;
  private byte[] lastBytes;

  private ArchiveFileReader(Path file, LineScanner scanner) {
    this.file = file;
    this.scanner = scanner;
  }

  /** Reads a closed file: it must hold whole lines to a clean gzip end. */
  public static ArchiveFileReader strict(Path file) throws IOException {
    return new ArchiveFileReader(file, LineScanner.strict(file));
  }

  /** Reads the file being written, up to its last complete line. */
  static ArchiveFileReader lenient(Path file) throws IOException {
    return new ArchiveFileReader(file, LineScanner.lenient(file));
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /**
   * The next line, decoded, or null at the end of the file.
   *
   * @throws ArchiveException if the file is corrupt or cut short, or a line is malformed
   */
  public ArchiveLine next() throws IOException {
    byte[] bytes = scanner.next();
    if (bytes == null) {
      return null;
    }
    try {
      ArchiveLine line = ChangeLines.decode(bytes, schema);
      if (line instanceof ArchiveLine.SchemaLine s) {
        if (schema != null && !s.schema().table().equals(schema.table())) {
          throw new IllegalArgumentException(
              "a schema line of " + s.schema().table() + " in a file of " + schema.table());
        }
        schema = s.schema();
      }
      lastBytes = bytes;
      return line;
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(file, scanner.lineNumber(), e.getMessage(), e);
    }
  }

  /** The bytes of the line {@link #next()} returned last, without its line end. */
  byte[] lastBytes() {
    return lastBytes;
  }

  /** The number of the line {@link #next()} returned last. */
  public long lineNumber() {
    return scanner.lineNumber();
  }

  /** Closes the file. */
  @Override
  public void close() throws IOException {
    scanner.close();
  }
}
