package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;

/**
 * A stored position (a consumer's checkpoint) does not fit the topic as it is now: it is past a
 * partition's end (the topic was deleted and created again, or emptied), before its first record
 * (retention deleted records never applied), or names partitions the topic no longer has. Not
 * transient: reading on would skip or repeat changes, so the stream stops and the message says
 * which partition, the stored offset and the partition's first and end offsets.
 */
public final class StoredPositionException extends CdcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StoredPositionException(String message) {
    super(message);
  }
}
