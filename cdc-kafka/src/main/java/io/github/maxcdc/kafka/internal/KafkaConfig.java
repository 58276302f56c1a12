package io.github.maxcdc.kafka.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The consumer settings of the readers of keyed topics. Stateless. */
public final class KafkaConfig {
  /** Properties a reader sets itself: a user's value would break its guarantees. */
  public static final Set<String> RESERVED =
      Set.of(
          "bootstrap.servers",
          "key.deserializer",
          "value.deserializer",
          "enable.auto.commit",
          "auto.offset.reset",
          "isolation.level",
          "group.id");

  private KafkaConfig() {}

  /**
   * A consumer's configuration: byte arrays, committed records only ({@code publish} writes in
   * transactions), no automatic offsets (positions are sought explicitly: a gap must fail, not
   * jump), then the user's {@code properties}.
   */
  public static Map<String, Object> consumer(
      String bootstrapServers, Map<String, String> properties, String clientId) {
    Map<String, Object> c = new LinkedHashMap<>(properties);
    c.put("bootstrap.servers", bootstrapServers);
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "none");
    c.put("isolation.level", "read_committed");
    c.putIfAbsent("client.id", clientId);
    return c;
  }
}
