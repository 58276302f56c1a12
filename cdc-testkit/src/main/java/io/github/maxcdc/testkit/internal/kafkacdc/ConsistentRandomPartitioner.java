package io.github.maxcdc.testkit.internal.kafkacdc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * librdkafka's default partitioner, {@code consistent_random}, which MaxScale's KafkaCDC router
 * uses (it produces with {@code RdKafka::Topic::PARTITION_UA} and sets no partitioner): the CRC-32
 * of the key modulo the partition count, a random partition for a null or empty key. Not the Java
 * client's default (murmur2). Every record of recording {@code k5_partitions} (3 partitions) is on
 * the partition this gives. Stateless and thread-safe.
 */
public final class ConsistentRandomPartitioner {
  private ConsistentRandomPartitioner() {}

  /**
   * Chooses the partition of a key.
   *
   * @param key the key, possibly null
   * @param partitions the topic's partition count, at least 1
   * @return the partition
   */
  public static int partition(byte[] key, int partitions) {
    if (key == null || key.length == 0) {
      return ThreadLocalRandom.current().nextInt(partitions);
    }
    CRC32 crc = new CRC32();
    crc.update(key);
    return (int) (crc.getValue() % partitions); // rd_crc32() is unsigned
  }
}
