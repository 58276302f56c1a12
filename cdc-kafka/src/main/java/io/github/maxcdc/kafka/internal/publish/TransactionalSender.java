package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.kafka.PublishException;
import io.github.maxcdc.kafka.PublisherFencedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One transactional producer and its open transaction: begin, send, commit (with the offsets of a
 * source topic) or abort. A failed send or commit aborts the transaction and leaves the sender
 * failed: every later call throws. Not thread-safe: the publisher's thread, except {@link
 * #close()}.
 */
public final class TransactionalSender implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String brokers;
  private final String id;
  private final String transactionalId;
  private final Duration timeout;
  // set by the producer's I/O thread when a send fails; read by the publisher's thread
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
  private boolean open; // publisher's thread
  private PublishException failure; // publisher's thread

  private TransactionalSender(
      KafkaProducer<byte[], byte[]> producer, String brokers, String id, Duration timeout) {
    this.producer = producer;
    this.brokers = brokers;
    this.id = id;
    this.transactionalId = transactionalId(id);
    this.timeout = timeout;
  }

  /** The {@code transactional.id} of publisher {@code id}. */
  public static String transactionalId(String id) {
    return "maxcdc-publish-" + id;
  }

  /**
   * A producer with {@code config} (bootstrap servers and the user's properties) made transactional
   * and idempotent, {@code acks=all}, its transactions initialised: what a predecessor with the
   * same id left open is aborted, and the predecessor fenced off.
   *
   * @throws PublishException if the brokers do not answer within {@code timeout}, or refuse
   */
  public static TransactionalSender open(
      Map<String, Object> config, String id, Duration timeout, String brokers)
      throws PublishException {
    Map<String, Object> c = new HashMap<>(config);
    c.put("key.serializer", ByteArraySerializer.class.getName());
    c.put("value.serializer", ByteArraySerializer.class.getName());
    c.put("transactional.id", transactionalId(id));
    c.put("enable.idempotence", "true");
    c.put("acks", "all");
    c.put("max.block.ms", timeout.toMillis());
    c.putIfAbsent("client.id", transactionalId(id));
    c.putIfAbsent("linger.ms", 5);
    c.putIfAbsent("batch.size", 256 * 1024);
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(c);
    } catch (KafkaException e) {
      throw new PublishException(
          "cannot create a Kafka producer for " + brokers + ": " + e.getMessage(), false, e);
    }
    TransactionalSender sender = new TransactionalSender(producer, brokers, id, timeout);
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      PublishException failure = sender.failure("initialising transactions", e);
      sender.close();
      throw failure;
    }
    return sender;
  }

  /** Whether a transaction is open. */
  public boolean isOpen() {
    return open;
  }

  /** Begins a transaction if none is open. */
  public void begin() throws PublishException {
    check();
    if (!open) {
      try {
        producer.beginTransaction();
      } catch (KafkaException e) {
        throw fail("beginning a transaction", e);
      }
      open = true;
    }
  }

  /** Sends one record in the open transaction. */
  public void send(String topic, byte[] key, byte[] value) throws PublishException {
    check();
    Exception failed = sendFailure.get();
    if (failed != null) {
      throw fail("sending to " + topic, failed);
    }
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, e) -> {
            if (e != null) {
              sendFailure.compareAndSet(null, e);
            }
          });
    } catch (KafkaException e) {
      throw fail("sending to " + topic, e);
    }
  }

  /**
   * Commits the open transaction, with {@code offsets} of a source topic for consumer group {@code
   * group} when not null.
   */
  public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, String group)
      throws PublishException {
    check();
    if (!open) {
      return;
    }
    try {
      if (offsets != null && !offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(group));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      throw fail("committing a transaction", e);
    }
    Exception failed = sendFailure.get();
    if (failed != null) {
      throw fail("committing a transaction", failed); // commit reports it first; be sure
    }
    open = false;
  }

  /** Aborts the open transaction, if any; quietly, as a step of a stop or a failure. */
  public void abort() {
    if (open && failure == null) {
      try {
        producer.abortTransaction();
      } catch (KafkaException ignored) {
        // the producer failed: the broker aborts the transaction when it times out or is fenced
      }
    }
    open = false;
  }

  private void check() throws PublishException {
    if (failure != null) {
      throw new PublishException(
          "the publisher stopped after a failure: " + failure.getMessage(), false, failure);
    }
  }

  private PublishException fail(String doing, Exception e) {
    PublishException f = failure(doing, e);
    abort();
    failure = f;
    return f;
  }

  private PublishException failure(String doing, Exception e) {
    if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
      return new PublisherFencedException(
          "another publisher with id '"
              + id
              + "' (transactional.id "
              + transactionalId
              + ") started on "
              + brokers
              + ": this one was fenced off while "
              + doing
              + ", and its open transaction is aborted; run one publisher per id",
          e);
    }
    if (e instanceof TimeoutException) {
      return PublishTopics.unreachable(brokers, timeout, e);
    }
    return new PublishException(
        "Kafka at "
            + brokers
            + " failed while "
            + doing
            + " ("
            + e.getMessage()
            + "): the transaction is aborted, nothing of it is published",
        false,
        e);
  }

  /** Aborts the open transaction, if any, and closes the producer within the timeout. */
  @Override
  public void close() {
    abort();
    try {
      producer.close(timeout);
    } catch (KafkaException ignored) {
      // closing: nothing more to do
    }
  }
}
