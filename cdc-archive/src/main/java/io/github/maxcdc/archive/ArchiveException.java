package io.github.maxcdc.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An archive file that cannot be read as written: corrupt gzip data, a file cut short, or a line
 * that is not a schema or change line. The message names the file and the line (1-based) and says
 * what was expected and what was found.
 */
public final class ArchiveException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;

  /**
   * Creates the exception.
   *
   * @param file the archive file
   * @param line the 1-based line at fault
   * @param problem what is wrong there
   * @param cause the underlying failure, or null
   */
  public ArchiveException(Path file, long line, String problem, Throwable cause) {
    super(file + " line " + line + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  /** The archive file. */
  public Path file() {
    return file;
  }

  /** The 1-based line at fault. */
  public long line() {
    return line;
  }
}
