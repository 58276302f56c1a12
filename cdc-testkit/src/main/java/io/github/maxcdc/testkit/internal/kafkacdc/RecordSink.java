package io.github.maxcdc.testkit.internal.kafkacdc;

/**
 * Where the fake KafkaCDC router's records go: a topic of a broker, or memory. Used by one thread
 * at a time (the router's lock).
 */
public interface RecordSink extends AutoCloseable {

  /**
   * Returns the topic's partition count.
   *
   * @return at least 1
   * @throws IllegalStateException if the topic cannot be found
   */
  int partitions();

  /**
   * Sends a record; it may be stored later, see {@link #flush()}.
   *
   * @param partition its partition
   * @param timestamp its timestamp, epoch milliseconds
   * @param key its key
   * @param value its value
   */
  void send(int partition, long timestamp, byte[] key, byte[] value);

  /**
   * Waits until every record sent is stored.
   *
   * @throws IllegalStateException if one could not be stored
   */
  void flush();

  /** Releases the sink's resources. Idempotent. */
  @Override
  void close();
}
