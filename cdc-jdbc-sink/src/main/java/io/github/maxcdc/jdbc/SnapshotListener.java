package io.github.maxcdc.jdbc;

/**
 * Hears how a {@link Snapshot} progresses. Called on the thread running {@link Snapshot#run()},
 * after each chunk is committed; an exception thrown here stops the copy (what was committed stays,
 * and the next run resumes after it).
 */
@FunctionalInterface
public interface SnapshotListener {
  /** A chunk of rows was committed to the target. */
  void onProgress(SnapshotProgress progress);
}
