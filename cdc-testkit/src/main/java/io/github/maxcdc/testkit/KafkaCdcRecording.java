package io.github.maxcdc.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * What a real MaxScale 24.02.3 KafkaCDC router wrote into a real Kafka broker, record by record:
 * partition, offset, timestamp and the exact bytes of key and value. Replayed into a topic with
 * {@link EmbeddedKafka#load(String, KafkaCdcRecording)} (same partitions, keys, values and
 * timestamps), it gives back the topic MaxScale wrote.
 *
 * <p>The eight scenarios shipped in this jar ({@link #builtInNames()}) and what they show (one
 * topic for every table, no end-of-transaction record, the data KafkaCDC loses when killed or when
 * a BLOB is not valid UTF-8) are described in the {@code README.md} under {@value #BUILT_IN_PATH}.
 *
 * <pre>{@code
 * kafka.load("shop_tx_cdc", KafkaCdcRecording.builtIn("k1b_default_utf8_blobs"));
 * }</pre>
 *
 * <p>Immutable and thread-safe (the byte arrays of its records are shared: do not change them).
 */
public final class KafkaCdcRecording {
  /** Class-path directory of the built-in recordings, with their {@code README.md}. */
  public static final String BUILT_IN_PATH = "/maxcdc-recordings/maxscale-24.02.3-kafkacdc/";

  private static final List<String> BUILT_IN =
      List.of(
          "k1_default",
          "k1b_default_utf8_blobs",
          "k2_restart",
          "k2b_restart_utf8_blobs",
          "k3_kill",
          "k4_no_schema",
          "k5_partitions",
          "k5_partitions_after_restart",
          "k6_match");

  private static final JsonFactory JSON = new JsonFactory();

  private final String name;
  private final List<KafkaRecord> records;

  private KafkaCdcRecording(String name, List<KafkaRecord> records) {
    this.name = name;
    this.records = List.copyOf(records);
  }

  /** The names of the recordings shipped in this jar ({@code k1_default}...). */
  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  /**
   * A recording shipped in this jar.
   *
   * @throws IllegalArgumentException if there is none of that name
   */
  public static KafkaCdcRecording builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new IllegalArgumentException(
          "no built-in KafkaCDC recording " + name + "; there are " + BUILT_IN);
    }
    String file = BUILT_IN_PATH + name + (name.equals("k3_kill") ? ".jsonl.gz" : ".jsonl");
    byte[] bytes = BuiltInResources.bytes(file);
    try (InputStream in =
        file.endsWith(".gz")
            ? new GZIPInputStream(new ByteArrayInputStream(bytes))
            : new ByteArrayInputStream(bytes)) {
      return new KafkaCdcRecording(name, read(in, file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in recording " + file, e);
    }
  }

  /** The recording's name. */
  public String name() {
    return name;
  }

  /** Every record of the topic, partition by partition in offset order. */
  public List<KafkaRecord> records() {
    return records;
  }

  /** The number of partitions of the recorded topic (the highest partition seen, plus one). */
  public int partitions() {
    int max = 0;
    for (KafkaRecord r : records) {
      max = Math.max(max, r.partition());
    }
    return max + 1;
  }

  /**
   * The records of the topic in the order MaxScale wrote them, as far as the recording shows it: by
   * timestamp, then partition and offset (on one partition, offset order).
   */
  public List<KafkaRecord> inWriteOrder() {
    List<KafkaRecord> sorted = new ArrayList<>(records);
    sorted.sort(
        java.util.Comparator.comparingLong(KafkaRecord::timestamp)
            .thenComparingInt(KafkaRecord::partition)
            .thenComparingLong(KafkaRecord::offset));
    return sorted;
  }

  private static List<KafkaRecord> read(InputStream in, String file) throws IOException {
    List<KafkaRecord> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(in)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new IOException(file + ": expected one JSON object a line, got " + t);
        }
        out.add(record(p, file));
      }
    }
    return out;
  }

  private static KafkaRecord record(JsonParser p, String file) throws IOException {
    int partition = -1;
    long offset = -1;
    long timestamp = -1;
    byte[] key = null;
    byte[] value = null;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "partition" -> partition = p.getIntValue();
        case "offset" -> offset = p.getLongValue();
        case "timestamp" -> timestamp = p.getLongValue();
        case "key_b64" -> key = v == JsonToken.VALUE_NULL ? null : decode(p.getText());
        case "value_b64" -> value = v == JsonToken.VALUE_NULL ? null : decode(p.getText());
        default -> p.skipChildren();
      }
    }
    if (partition < 0 || offset < 0 || timestamp < 0) {
      throw new IOException(file + ": a record without partition, offset or timestamp");
    }
    return new KafkaRecord(partition, offset, timestamp, key, value);
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  /**
   * One record of a topic.
   *
   * @param partition its partition
   * @param offset its offset in the partition
   * @param timestamp its timestamp, epoch milliseconds ({@code CreateTime})
   * @param key the key's bytes, or null
   * @param value the value's bytes, or null
   */
  public record KafkaRecord(int partition, long offset, long timestamp, byte[] key, byte[] value) {
    /** Validates the components. */
    public KafkaRecord {
      if (partition < 0) {
        throw new IllegalArgumentException("partition must be >= 0, got " + partition);
      }
    }

    /** The key as UTF-8 text, or null. */
    public String keyText() {
      return key == null ? null : new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KafkaRecord r
          && partition == r.partition
          && offset == r.offset
          && timestamp == r.timestamp
          && java.util.Arrays.equals(key, r.key)
          && java.util.Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          partition,
          offset,
          timestamp,
          java.util.Arrays.hashCode(key),
          java.util.Arrays.hashCode(value));
    }

    @Override
    public String toString() {
      return "record " + partition + "@" + offset + " key " + keyText();
    }
  }
}
