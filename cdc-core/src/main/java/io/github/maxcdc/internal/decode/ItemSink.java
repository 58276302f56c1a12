package io.github.maxcdc.internal.decode;

import io.github.maxcdc.spi.SourceItem;

/** Receives what a decoder decoded, in stream order. */
@FunctionalInterface
public interface ItemSink {
  /** Takes one decoded item. */
  void accept(SourceItem item);
}
