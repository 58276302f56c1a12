package io.github.maxcdc.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.metrics.CdcMetrics;
import io.github.maxcdc.metrics.MetricsSnapshot;
import io.github.maxcdc.position.StreamPosition;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

  @Test
  void onlyTheCurrentGtidHasASeries() {
    AtomicReference<StreamPosition> last = new AtomicReference<>();
    CdcMetrics source =
        () -> new MetricsSnapshot("client a", Instant.now(), Map.of(), last.get(), null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CdcMeterBinder binder = new CdcMeterBinder(source);
    binder.bindTo(registry);
    assertTrue(registry.find("maxcdc.last.gtid").gauges().isEmpty(), "no series before a change");

    last.set(StreamPosition.parse("0-1-5:2"));
    binder.updatePositions();
    assertEquals(List.of("0-1-5"), gtids(registry));
    last.set(StreamPosition.parse("0-1-6:1"));
    binder.updatePositions();
    assertEquals(List.of("0-1-6"), gtids(registry), "the series of 0-1-5 is gone");
    assertEquals(1.0, registry.get("maxcdc.last.gtid").tag("gtid", "0-1-6").gauge().value());
  }

  @Test
  void aTagIsAddedToEveryMeterOfTheSources() {
    CdcMetrics client =
        () ->
            new MetricsSnapshot(
                "client a",
                Instant.now(),
                Map.of("events", 1L),
                StreamPosition.parse("0-1-5:1"),
                Instant.now());
    CdcMetrics sink = () -> new MetricsSnapshot("sink a->b", Instant.now(), Map.of(), null, null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new CdcMeterBinder(client, sink).withTag("stream", "a -> b").bindTo(registry);
    for (Meter meter : registry.getMeters()) {
      assertEquals("a -> b", meter.getId().getTag("stream"), meter.getId().toString());
    }
    assertEquals(2, registry.find("maxcdc.lag").tag("stream", "a -> b").gauges().size());
    assertEquals(1, registry.find("maxcdc.last.gtid").tag("stream", "a -> b").gauges().size());
  }

  @Test
  void theTagsItSetsItselfCannotBeGiven() {
    CdcMeterBinder binder = new CdcMeterBinder();
    assertThrows(IllegalArgumentException.class, () -> binder.withTag("source", "x"));
    assertThrows(IllegalArgumentException.class, () -> binder.withTag(" ", "x"));
  }

  private static List<String> gtids(SimpleMeterRegistry registry) {
    return registry.find("maxcdc.last.gtid").gauges().stream()
        .map(g -> g.getId().getTag("gtid"))
        .toList();
  }
}
