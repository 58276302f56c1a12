package io.github.maxcdc.spi;

import java.io.IOException;

/**
 * Where change records come from: a MaxScale CDC listener today, files or Kafka topics behind the
 * same interface. A source yields MaxScale's records as they are ({@link SourceItem}); the client
 * turns them into typed {@code ChangeEvent}s, repairs values, pairs updates and enforces the start
 * position the same way whatever the source.
 *
 * <p>Implementations must be thread-safe: a client opens at most one stream at a time, but several
 * clients may share a source.
 */
public interface ChangeSource {

  /**
   * Opens a stream of records for {@code request.table()}. May block for the connection and
   * handshake (bounded by the source's own timeouts). The stream may start before the requested
   * position (the client skips what it must not deliver) but never after it.
   *
   * @throws IOException if the stream cannot be opened; a {@code CdcException} says why
   */
  SourceStream open(SourceRequest request) throws IOException;

  /** A description for logs and messages, e.g. {@code maxscale-host:4001 (JSON)}; no secrets. */
  String describe();
}
