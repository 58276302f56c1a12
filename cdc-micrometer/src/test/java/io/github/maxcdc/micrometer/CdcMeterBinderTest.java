package io.github.maxcdc.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
              Instant at = Instant.parse("2026-12-05T10:00:10Z"); // a snapshot's own time
              return new MetricsSnapshot("sink a->b", at, counters, null, at.minusSeconds(3));
            })
        .bindTo(registry);
    assertEquals(
        5, registry.get("maxcdc.events").tag("source", "sink a->b").functionCounter().count());
    events.set(9);
    assertEquals(9, registry.get("maxcdc.events").functionCounter().count());
    assertEquals(2, registry.get("maxcdc.retries").functionCounter().count());
    double lag = registry.get("maxcdc.lag").gauge().value();
    assertEquals(3.0, lag, "the lag of the snapshot, in seconds");
  }
}
