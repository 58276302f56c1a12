package io.github.maxcdc.examples.demo;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.position.StreamPosition;
import java.util.Optional;

/** Prints each change as it arrives, then hands it to the sink. */
final class PrintingListener implements ChangeListener {
  private final JdbcSink sink;
  private final DemoConsole console;

  PrintingListener(JdbcSink sink, DemoConsole console) {
    this.sink = sink;
    this.console = console;
  }

  @Override
  public void onChange(ChangeEvent event) throws Exception {
    console.change(event);
    sink.onChange(event);
  }

  @Override
  public void onIdle() throws Exception {
    sink.onIdle();
  }

  @Override
  public void onCaughtUp(java.time.Duration quietFor) throws Exception {
    sink.onCaughtUp(quietFor);
  }

  @Override
  public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
      throws Exception {
    return sink.resumeAfter(lastDelivered);
  }
}
