package io.github.maxcdc.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.metrics.MetricsSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CdcMeterBinderTest {
  @Test
  void countersAndLagAreReadWhenTheRegistryAsks() {
    AtomicLong events = new AtomicLong(5);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new CdcMeterBinder(
            () -> {
              Map<String, Long> counters = new LinkedHashMap<>();
              counters.put("events", events.get());
              counters.put("retries", 2L);
              Instant now = Instant.now();
              return new MetricsSnapshot("sink a->b", now, counters, null, now.minusSeconds(3));
            })
        .bindTo(registry);
    assertEquals(
        5, registry.get("maxcdc.events").tag("source", "sink a->b").functionCounter().count());
    events.set(9);
    assertEquals(9, registry.get("maxcdc.events").functionCounter().count());
    assertEquals(2, registry.get("maxcdc.retries").functionCounter().count());
    double lag = registry.get("maxcdc.lag").gauge().value();
    assertTrue(lag >= 2.9 && lag < 10, "lag " + lag);
  }
}
