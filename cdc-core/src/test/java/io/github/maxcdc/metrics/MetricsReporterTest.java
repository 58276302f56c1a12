package io.github.maxcdc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsReporterTest {
  static MetricsSnapshot snapshot(Instant at, long events, long bytes) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events", events);
    counters.put("bytes", bytes);
    return new MetricsSnapshot(
        "client shop_tx.commandes",
        at,
        counters,
        StreamPosition.parse("0-1-9:4"),
        at.minusMillis(1500));
  }

  @Test
  void linesCarryCountersRatesPositionAndLag() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    MetricsSnapshot first = snapshot(t0, 100, 20_000);
    assertEquals(
        "client shop_tx.commandes: events 100, bytes 20000; last 0-1-9:4, lag 1.5 s",
        MetricsReporter.format(null, first));
    MetricsSnapshot second = snapshot(t0.plusSeconds(10), 600, 120_000);
    assertEquals(
        "client shop_tx.commandes: events 600 (50.0/s), bytes 120000 (10000.0/s); last 0-1-9:4, lag 1.5 s",
        MetricsReporter.format(first, second));
  }
}
