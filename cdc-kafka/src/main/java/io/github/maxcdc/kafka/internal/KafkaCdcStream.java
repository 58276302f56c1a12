package io.github.maxcdc.kafka.internal;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.DeclaredTypes;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.json.JsonStreamDecoder;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one table in a KafkaCDC topic: every partition is read, the partitions are merged
 * back into write order ({@link PartitionMerge}), the records of other tables are skipped, and the
 * table's schema records and rows go through the CDC protocol's JSON decoder, one record a line.
 * Every failure names the record (topic, partition, offset and key). Read by one thread; {@link
 * #close()} from any.
 */
public final class KafkaCdcStream implements SourceStream {
  private static final byte[] NEWLINE = {'\n'};
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCdcStream.class);

  private final Consumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final TableId table;
  private final String topic;
  private final long mergeWaitNanos;
  private final PartitionMerge<ConsumerRecord<byte[], byte[]>> merge;
  private final RecordTable tables = new RecordTable();
  private final ArrayDeque<SourceItem> queue = new ArrayDeque<>();
  private final JsonStreamDecoder decoder;
  private final DeclaredTypes declared; // null: no schema but the topic's
  private final ReentrantLock reading = new ReentrantLock();
  private volatile boolean closed;
  private boolean consumerClosed;
  private volatile long bytes;
  private long lastArrival = System.nanoTime();
  private PartitionMerge.Entry<ConsumerRecord<byte[], byte[]>> last;
  private final ConsumerRecord<?, ?>[] lastPolled; // per partition
  private final long[] next; // per partition: the offset after the last record released
  private int schemaPartition = -1; // the table's last schema record, or -1
  private long schemaOffset; // its offset, or the version built from declared types (0: none)
  private String rowOffset; // the source offset of the row record being decoded

  /**
   * A stream over {@code consumer}, already assigned to {@code partitions} and positioned.
   *
   * @param server the source's description, for messages
   * @param start the offset each partition is positioned at, by partition number
   * @param schemaPartition when resuming: the partition of {@code schemaRecord}, else -1
   * @param schemaOffset when resuming: the offset of {@code schemaRecord}, or the version of the
   *     schema built from the source database's column types; else 0
   * @param schemaRecord when resuming: the value of the table's last schema record before the
   *     position, or null
   * @throws CdcException if the schema record does not decode
   */
  public KafkaCdcStream(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      TableId table,
      String server,
      Duration mergeWait,
      int maxRecordBytes,
      DeclaredTypes declared,
      long[] start,
      int schemaPartition,
      long schemaOffset,
      byte[] schemaRecord)
      throws CdcException {
    this.consumer = consumer;
    this.partitions = List.copyOf(partitions);
    this.table = table;
    this.topic = partitions.get(0).topic();
    this.mergeWaitNanos = mergeWait.toNanos();
    this.merge = new PartitionMerge<>(partitions.size());
    this.declared = declared;
    this.lastPolled = new ConsumerRecord<?, ?>[partitions.size()];
    this.next = start.clone();
    this.schemaPartition = schemaPartition;
    this.schemaOffset = schemaOffset;
    this.decoder =
        JsonStreamDecoder.forKafkaCdc(
            new DecodeContext(table, server, maxRecordBytes),
            item ->
                queue.add(
                    rowOffset != null && item instanceof SourceItem.RawRow row
                        ? row.withSourceOffset(rowOffset)
                        : item));
    if (schemaRecord != null) {
      decoder.feed(schemaRecord, 0, schemaRecord.length);
      decoder.feed(NEWLINE, 0, 1);
    }
  }

  @Override
  public SourceItem next(Duration timeout) throws IOException {
    reading.lock();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (queue.isEmpty()) {
        if (closed) {
          throw new ConnectionClosedException("the stream was closed", false, null);
        }
        PartitionMerge.Entry<ConsumerRecord<byte[], byte[]>> entry =
            merge.next(System.nanoTime() - lastArrival >= mergeWaitNanos, this::atEnd);
        if (entry != null) {
          release(entry);
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        poll(Duration.ofNanos(Math.min(left, Math.max(mergeWaitNanos, 1_000_000))));
      }
      return queue.poll();
    } finally {
      if (closed) {
        closeConsumer();
      }
      reading.unlock();
    }
  }

  private void poll(Duration wait) throws CdcException {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(wait);
    } catch (WakeupException e) {
      throw new ConnectionClosedException("the stream was closed", false, null);
    } catch (KafkaException e) {
      throw new CdcException("reading topic " + topic + " failed: " + e.getMessage(), e);
    }
    if (records.isEmpty()) {
      return;
    }
    lastArrival = System.nanoTime();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
      RecordKey key;
      try {
        key = RecordKey.parse(r.key());
      } catch (IllegalArgumentException e) {
        ConsumerRecord<?, ?> before = lastPolled[r.partition()];
        throw new DecodeException(
            where(r)
                + ": "
                + e.getMessage()
                + (before == null
                    ? "; it is the first record read from its partition"
                    : "; the record before it: " + where(before)));
      }
      lastPolled[r.partition()] = r;
      merge.add(r.partition(), key, r);
    }
  }

  private boolean atEnd(int partition) {
    return consumer.currentLag(partitions.get(partition)).orElse(-1) == 0;
  }

  private void release(PartitionMerge.Entry<ConsumerRecord<byte[], byte[]>> entry)
      throws CdcException {
    ConsumerRecord<byte[], byte[]> r = entry.record();
    if (last != null
        && entry.key().sameDomain(last.key())
        && entry.key().compareTo(last.key()) <= 0) {
      throw new DecodeException(
          where(r)
              + ": the GTID went backwards, after "
              + where(last.record())
              + "; KafkaCDC writes a domain's transactions in order, so records were written"
              + " again or out of order and nothing after them can be trusted");
    }
    TableId of;
    try {
      of = tables.of(r.value(), entry.key().isSchema());
    } catch (IllegalArgumentException e) {
      throw new DecodeException(where(r) + ": " + e.getMessage() + lastGood());
    }
    next[r.partition()] = r.offset() + 1;
    if (of.equals(table)) {
      if (entry.key().isSchema()) {
        schemaPartition = r.partition();
        schemaOffset = r.offset();
        rowOffset = null;
      } else {
        schemaFor(r);
        rowOffset = ResumeOffsets.format(topic, next, schemaPartition, schemaOffset);
      }
      try {
        decoder.feed(r.value(), 0, r.value().length);
        decoder.feed(NEWLINE, 0, 1);
      } catch (DecodeException e) {
        throw new DecodeException(
            where(r)
                + ": "
                + e.getMessage()
                + (declared == null && !entry.key().isSchema()
                    ? "; KafkaCDC writes no schema record for an ALTER TABLE after it restarts:"
                        + " with the source database's column types (a sink's source connection,"
                        + " --source-url) the stream takes the table's schema from there"
                    : ""),
            e);
      }
    }
    last = entry;
  }

  // A row of a schema the topic never sent (send_schema=false, or an ALTER after a restart): the
  // schema is built from the source database's columns, when the stream has them.
  private void schemaFor(ConsumerRecord<byte[], byte[]> r) throws CdcException {
    TableSchema current = decoder.schema();
    if (declared == null) {
      if (current == null) {
        throw new DecodeException(
            where(r)
                + ": a row of "
                + table
                + " before any schema record of it (KafkaCDC's send_schema=false?); give the"
                + " stream the source database's column types (a sink's source connection,"
                + " --source-url, or CdcClient.Builder.declaredTypes) to take its schema from there");
      }
      return;
    }
    List<String> columns;
    try {
      columns = tables.columns(r.value());
    } catch (IllegalArgumentException e) {
      throw new DecodeException(where(r) + ": " + e.getMessage());
    }
    if (current != null && columns.stream().allMatch(c -> current.column(c).isPresent())) {
      return; // a column KafkaCDC left out is ABSENT: flagged, re-read by a sink
    }
    TableSchema looked;
    int version;
    if (current != null) {
      version = current.version() + 1;
    } else {
      version = schemaPartition < 0 && schemaOffset > 0 ? (int) schemaOffset : 1;
    }
    try {
      looked = SchemaReader.fromDeclared(table, version, declared.columnTypes(table), true);
    } catch (DecodeException e) {
      throw new DecodeException(where(r) + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new CdcException(
          where(r) + ": cannot read the schema of " + table + " from the source database: " + e, e);
    }
    for (String c : columns) {
      if (looked.column(c).isEmpty()) {
        throw new DecodeException(
            where(r)
                + ": the row has a column '"
                + c
                + "' that neither the topic's schema nor the source database's table has");
      }
    }
    LOG.info(
        "{}: the schema of {} comes from the source database (KafkaCDC sent none for {})",
        topic,
        table,
        RecordKeyText.of(r.key()));
    decoder.useSchema(looked);
    schemaPartition = -1;
    schemaOffset = looked.version();
  }

  private static String where(ConsumerRecord<?, ?> r) {
    return "record "
        + r.topic()
        + "-"
        + r.partition()
        + "@"
        + r.offset()
        + " (key "
        + (r.key() instanceof byte[] key ? RecordKeyText.of(key) : "none")
        + ")";
  }

  private String lastGood() {
    return last == null ? "; no record read before it" : "; last good " + where(last.record());
  }

  @Override
  public long bytesRead() {
    return bytes;
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    if (reading.tryLock()) {
      try {
        closeConsumer();
      } finally {
        reading.unlock();
      }
    }
  }

  private void closeConsumer() {
    if (!consumerClosed) {
      consumerClosed = true;
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (KafkaException e) {
        // closing: nothing left to read from it
      }
    }
  }
}
