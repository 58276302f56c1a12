package io.github.maxcdc.archive;

import io.github.maxcdc.position.StreamPosition;

/**
 * One closed day file as the manifest lists it. Immutable.
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
    long bytes) {}
