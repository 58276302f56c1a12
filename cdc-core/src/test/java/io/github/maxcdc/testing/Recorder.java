package io.github.maxcdc.testing;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StreamPosition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records what a client delivers and signals, for assertions; thread-safe. */
public final class Recorder implements ChangeListener, LifecycleListener {
  public final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
  public final List<String> lifecycle = new CopyOnWriteArrayList<>();
  public final List<String> threads = new CopyOnWriteArrayList<>();

  @Override
  public void onChange(ChangeEvent event) {
    threads.add(Thread.currentThread().getName());
    events.add(event);
  }

  /** {@code type position} of each event. */
  public List<String> summary() {
    return events.stream()
        .map(e -> e.type().jsonName() + " " + e.position())
        .collect(Collectors.toList());
  }

  @Override
  public void onConnected(TableId table, String server) {
    lifecycle.add("connected " + table);
  }

  @Override
  public void onSchema(TableSchema previous, TableSchema schema) {
    lifecycle.add("schema " + schema.version());
  }

  @Override
  public void onStartPositionNotFound(TableId table, String message) {
    lifecycle.add("not found: " + message);
  }

  @Override
  public void onStartPositionReached(TableId table, StreamPosition position) {
    lifecycle.add("reached " + position);
  }

  @Override
  public void onWarning(TableId table, String message) {
    lifecycle.add("warning: " + message);
  }

  @Override
  public void onDisconnected(TableId table, Throwable cause) {
    lifecycle.add("disconnected " + (cause == null ? "" : cause.getClass().getSimpleName()));
  }

  @Override
  public void onReconnectScheduled(
      TableId table, int attempt, java.time.Duration delay, Throwable cause) {
    lifecycle.add("reconnect " + attempt + " " + cause.getClass().getSimpleName());
  }

  @Override
  public void onResumed(TableId table, StreamPosition position) {
    lifecycle.add("resumed after " + position);
  }

  @Override
  public void onClosed(TableId table, Throwable failure) {
    lifecycle.add("closed " + (failure == null ? "" : failure.getClass().getSimpleName()));
  }
}
