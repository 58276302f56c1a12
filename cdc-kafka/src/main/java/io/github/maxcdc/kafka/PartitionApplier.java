package io.github.maxcdc.kafka;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.position.StreamPosition;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the changes of one partition of a keyed topic, for a member of a consumer group ({@link
 * KeyedTopicReader.Builder#group}): typically a {@code JdbcSink} with a checkpoint row of its own,
 * {@code PartitionApplier.of(sink, sink::lastApplied)}.
 *
 * <p>Lifecycle, all on the reader's thread: {@link Factory#open} when the group assigns the
 * partition to this member; {@link #lastApplied()} once, to seek the partition right after it (its
 * {@link StreamPosition#sourceOffset()} holds the partition's next offset); then changes in the
 * partition's order, with {@link #onIdle()} when the partition is quiet; {@link #close()} when the
 * partition is revoked (after which another member applies it from what {@code close} made durable)
 * or the reader stops. When the member lost the partition without a revocation (its session
 * expired), {@link #resumeAfter} is called with an empty position before {@code close}: the applier
 * drops what it has not made durable, since another member may already apply it.
 */
public interface PartitionApplier extends ChangeListener, AutoCloseable {

  /**
   * The last change this partition's applier made durable, with its source offset, or empty to read
   * the partition from its beginning.
   */
  Optional<StreamPosition> lastApplied() throws Exception;

  /** Makes durable what was received (unless dropped) and releases what the applier holds. */
  @Override
  void close() throws Exception;

  /** Opens the applier of a partition. */
  @FunctionalInterface
  interface Factory {
    /**
     * The applier of partition {@code partition} of {@code topic}, on its assignment.
     *
     * @throws Exception stops the reader, nothing of the partition applied
     */
    PartitionApplier open(String topic, int partition) throws Exception;
  }

  /** What reads a listener's last durable position. */
  @FunctionalInterface
  interface LastApplied {
    /** The last position made durable, if any. */
    Optional<StreamPosition> get() throws Exception;
  }

  /**
   * An applier made of a listener that is also closeable (a {@code JdbcSink}) and what reads its
   * last durable position ({@code sink::lastApplied}).
   */
  static <L extends ChangeListener & AutoCloseable> PartitionApplier of(
      L listener, LastApplied lastApplied) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(lastApplied, "lastApplied");
    return new PartitionApplier() {
      @Override
      public void onChange(io.github.maxcdc.event.ChangeEvent event) throws Exception {
        listener.onChange(event);
      }

      @Override
      public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
          throws Exception {
        return listener.resumeAfter(lastDelivered);
      }

      @Override
      public void onIdle() throws Exception {
        listener.onIdle();
      }

      @Override
      public Optional<StreamPosition> lastApplied() throws Exception {
        return lastApplied.get();
      }

      @Override
      public void close() throws Exception {
        listener.close();
      }

      @Override
      public String toString() {
        return listener.toString();
      }
    };
  }
}
