package io.github.maxcdc.examples.archive;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.StreamPosition;

/**
 * One closed day file as the manifest lists it.
 *
 * @param file the file name, e.g. {@code 2026-11-24.jsonl.gz}
 * @param firstPosition position of its first change
 * @param lastPosition position of its last change
 * @param lastVersion schema version of its last change
 * @param changes number of change lines (schema lines not counted)
 * @param bytes size of the file
 */
public record FileSummary(
    String file,
    StreamPosition firstPosition,
    StreamPosition lastPosition,
    int lastVersion,
    long changes,
    long bytes) {

  /** Counts the changes of a file while it is written or read. Not thread-safe. */
  static final class Counter {
    private StreamPosition first;
    private StreamPosition last;
    private int lastVersion;
    private long changes;

    void add(ChangeEvent event) {
      if (first == null) {
        first = event.position();
      }
      last = event.position();
      lastVersion = event.schemaVersion();
      changes++;
    }

    long changes() {
      return changes;
    }

    StreamPosition last() {
      return last;
    }

    int lastVersion() {
      return lastVersion;
    }

    FileSummary summary(String file, long bytes) {
      return new FileSummary(file, first, last, lastVersion, changes, bytes);
    }
  }
}
