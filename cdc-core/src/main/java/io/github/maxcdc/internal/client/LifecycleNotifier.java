package io.github.maxcdc.internal.client;

import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.TableId;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a stream's lifecycle listener, logging and ignoring what it throws: the lifecycle listener
 * observes the stream and must not stop it (unlike the change listener). Called on the reader
 * thread only.
 */
final class LifecycleNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleNotifier.class);

  private final LifecycleListener listener;
  private final TableId table;

  LifecycleNotifier(LifecycleListener listener, TableId table) {
    this.listener = listener;
    this.table = table;
  }

  /** Makes {@code call} on the listener. */
  void call(Consumer<LifecycleListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("the lifecycle listener of {} threw; ignored", table, e);
    }
  }
}
