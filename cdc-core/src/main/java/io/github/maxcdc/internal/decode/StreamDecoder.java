package io.github.maxcdc.internal.decode;

import io.github.maxcdc.CdcException;

/**
 * Decodes a change stream pushed to it in chunks of any size: complete records go to the {@link
 * ItemSink} as soon as their last byte arrives; a partial record waits for the next chunk (never
 * more than the configured maximum record size). Works from byte arrays alone, without a socket.
 * Not thread-safe: owned by one reader.
 */
public interface StreamDecoder {

  /**
   * Decodes {@code len} more bytes.
   *
   * @throws CdcException a {@code DecodeException} for bytes that are not a valid record, a {@code
   *     ServerErrorException} for an error reply at a record boundary; after it the decoder is
   *     unusable
   */
  void feed(byte[] bytes, int off, int len) throws CdcException;

  /** Whether bytes of an incomplete record are buffered. */
  boolean midRecord();

  /** Number of bytes fed so far. */
  long offset();
}
