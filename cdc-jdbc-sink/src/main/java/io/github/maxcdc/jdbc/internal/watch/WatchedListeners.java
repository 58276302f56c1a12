package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.util.Optional;

/** Listeners that pass every call on and tell a watch what they see. */
public final class WatchedListeners {
  private WatchedListeners() {}

  /**
   * A change listener passing every call to {@code downstream}, telling {@code observations} of
   * each change and of the time {@code downstream} spends in each call.
   */
  public static ChangeListener changes(ChangeListener downstream, Observations observations) {
    return new ChangeListener() {
      @Override
      public void onChange(ChangeEvent event) throws Exception {
        observations.delivering(event);
        try {
          downstream.onChange(event);
        } finally {
          observations.callEnded();
        }
      }

      @Override
      public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
          throws Exception {
        return downstream.resumeAfter(lastDelivered);
      }

      @Override
      public void onIdle() throws Exception {
        observations.callStarted();
        try {
          downstream.onIdle();
        } finally {
          observations.callEnded();
        }
      }

      @Override
      public void onCaughtUp(Duration quietFor) throws Exception {
        observations.callStarted();
        try {
          downstream.onCaughtUp(quietFor);
        } finally {
          observations.callEnded();
        }
      }
    };
  }

  /**
   * A lifecycle listener passing every call to {@code downstream}, and the schema and connection
   * calls to {@code watch} first.
   */
  public static LifecycleListener lifecycle(LifecycleListener downstream, LifecycleListener watch) {
    return new LifecycleListener() {
      @Override
      public void onConnected(TableId table, String server) {
        watch.onConnected(table, server);
        downstream.onConnected(table, server);
      }

      @Override
      public void onSchema(TableSchema previous, TableSchema schema) {
        watch.onSchema(previous, schema);
        downstream.onSchema(previous, schema);
      }

      @Override
      public void onStartPositionNotFound(TableId table, String message) {
        downstream.onStartPositionNotFound(table, message);
      }

      @Override
      public void onStartPositionReached(TableId table, StreamPosition position) {
        downstream.onStartPositionReached(table, position);
      }

      @Override
      public void onWarning(TableId table, String message) {
        downstream.onWarning(table, message);
      }

      @Override
      public void onDisconnected(TableId table, Throwable cause) {
        watch.onDisconnected(table, cause);
        downstream.onDisconnected(table, cause);
      }

      @Override
      public void onReconnectScheduled(
          TableId table, int attempt, Duration delay, Throwable cause) {
        watch.onReconnectScheduled(table, attempt, delay, cause);
        downstream.onReconnectScheduled(table, attempt, delay, cause);
      }

      @Override
      public void onResumed(TableId table, StreamPosition position) {
        downstream.onResumed(table, position);
      }

      @Override
      public void onClosed(TableId table, Throwable failure) {
        downstream.onClosed(table, failure);
      }
    };
  }
}
