package io.github.maxcdc.archive.internal;

import io.github.maxcdc.archive.ArchiveException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lines of a gzip-compressed archive file, each with its 1-based number. A closed file is
 * read strictly: corrupt gzip data, a file cut short or a last line without its line end is an
 * {@link ArchiveException}. The file being written is read leniently: it ends at its last complete
 * line (or, after a machine crash, the last complete line before its data stops being readable),
 * which is where a process killed while writing it resumes. Not thread-safe.
 */
final class LineScanner implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LineScanner.class);

  private final Path file;
  private final boolean lenient;
  private final InputStream raw;
  private InputStream in;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkStart;
  private int chunkEnd;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
  private long line;
  private boolean ended;

  private LineScanner(Path file, boolean lenient) throws IOException {
    this.file = file;
    this.lenient = lenient;
    this.raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /** Reads a closed file: anything but whole lines to a clean end is an error. */
  static LineScanner strict(Path file) throws IOException {
    return new LineScanner(file, false);
  }

  /** Reads a file that may have been cut while it was written: ends at its last complete line. */
  static LineScanner lenient(Path file) throws IOException {
    return new LineScanner(file, true);
  }

  /** The number of the last line returned. */
  long lineNumber() {
    return line;
  }

  /**
   * The next complete line, without its line end, or null at the end.
   *
   * @throws ArchiveException if the file is corrupt, or (strict) cut short
   */
  byte[] next() throws IOException {
    while (!ended) {
      for (int i = chunkStart; i < chunkEnd; i++) {
        if (chunk[i] == '\n') {
          pending.write(chunk, chunkStart, i - chunkStart);
          chunkStart = i + 1;
          line++;
          byte[] result = pending.toByteArray();
          pending.reset();
          return result;
        }
      }
      pending.write(chunk, chunkStart, chunkEnd - chunkStart);
      chunkStart = 0;
      chunkEnd = fill();
      if (chunkEnd < 0) {
        ended = true;
        chunkEnd = 0;
      }
    }
    if (pending.size() > 0 && !lenient) {
      throw new ArchiveException(
          file,
          line + 1,
          "the last line has no line end: the file was cut short (expected whole lines)",
          null);
    }
    return null;
  }

  private int fill() throws IOException {
    try {
      if (in == null) {
        in = new GZIPInputStream(raw, 1 << 16);
      }
      return in.read(chunk);
    } catch (EOFException e) {
      if (lenient) {
        return -1; // killed while writing: what was decoded so far is all there is
      }
      throw new ArchiveException(
          file,
          line + 1,
          "the file is truncated: its gzip data ends before the end of the file it was written as"
              + " (expected a complete gzip file; "
              + e.getMessage()
              + ")",
          e);
    } catch (ZipException e) {
      if (lenient) {
        // a machine crash can leave garbage after the last block forced to disk
        LOG.warn(
            "{}: unreadable after line {} ({}); resuming after that line",
            file,
            line,
            e.getMessage());
        return -1;
      }
      throw new ArchiveException(
          file,
          line + 1,
          "corrupt gzip data (" + e.getMessage() + "); expected a gzip file of JSON lines",
          e);
    }
  }

  /** Closes the file. */
  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    } else {
      raw.close();
    }
  }
}
