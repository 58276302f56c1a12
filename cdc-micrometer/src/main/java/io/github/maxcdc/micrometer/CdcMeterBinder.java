package io.github.maxcdc.micrometer;

import io.github.maxcdc.metrics.CdcMetrics;
import io.github.maxcdc.metrics.MetricsSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;

/**
 * Publishes the metrics of clients and sinks to a Micrometer registry: each counter as a function
 * counter {@code maxcdc.<name>} (e.g. {@code maxcdc.events}, {@code maxcdc.bytes}, {@code
 * maxcdc.retries}) and the lag as a gauge {@code maxcdc.lag} in seconds, tagged {@code
 * source=<client shop_tx.commandes | sink ...>}. Values are read from the source when the registry
 * asks.
 *
 * <pre>{@code
 * new CdcMeterBinder(client, sink).bindTo(registry);
 * }</pre>
 *
 * Thread-safe.
 */
public final class CdcMeterBinder implements MeterBinder {
  private final List<CdcMetrics> sources;

  /** A binder for {@code sources}. */
  public CdcMeterBinder(CdcMetrics... sources) {
    for (CdcMetrics source : sources) {
      Objects.requireNonNull(source, "sources");
    }
    this.sources = List.of(sources);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (CdcMetrics source : sources) {
      MetricsSnapshot first = source.snapshot();
      for (String name : first.counters().keySet()) {
        FunctionCounter.builder("maxcdc." + name, source, s -> s.snapshot().counter(name))
            .tag("source", first.source())
            .description(name + " of " + first.source())
            .register(registry);
      }
      Gauge.builder("maxcdc.lag", source, s -> s.snapshot().lag().toMillis() / 1000.0)
          .tag("source", first.source())
          .baseUnit("seconds")
          .description("now minus the source commit time of the last change")
          .register(registry);
    }
  }
}
