package io.github.maxcdc.archive.internal;

import io.github.maxcdc.archive.FileSummary;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.StreamPosition;

/** Counts the changes of a day file while it is written or read. Not thread-safe. */
public final class FileCounter {
  private StreamPosition first;
  private StreamPosition last;
  private int lastVersion;
  private long changes;

  /** Counts {@code event}, the file's next change. */
  public void add(ChangeEvent event) {
    if (first == null) {
      first = event.position();
    }
    last = event.position();
    lastVersion = event.schemaVersion();
    changes++;
  }

  /** Changes counted. */
  public long changes() {
    return changes;
  }

  /** Position of the last change counted, or null if none was. */
  public StreamPosition last() {
    return last;
  }

  /** Schema version of the last change counted, or 0 if none was. */
  public int lastVersion() {
    return lastVersion;
  }

  /**
   * The summary of the file named {@code file} of {@code bytes} bytes, holding what was counted.
   */
  public FileSummary summary(String file, long bytes) {
    return new FileSummary(file, first, last, lastVersion, changes, bytes);
  }
}
