package io.github.maxcdc.micrometer;

import io.github.maxcdc.metrics.CdcMetrics;
import io.github.maxcdc.metrics.MetricsSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes the metrics of clients and sinks to a Micrometer registry: each counter as a function
 * counter {@code maxcdc.<name>} (e.g. {@code maxcdc.events}, {@code maxcdc.bytes}, {@code
 * maxcdc.retries}) and the lag as a gauge {@code maxcdc.lag} in seconds, tagged {@code
 * source=<client shop_tx.commandes | sink ...>}. Values are read from the source when the registry
 * asks.
 *
 * <p>The last position is the gauge {@code maxcdc.last.gtid}, always 1, whose tag {@code gtid} is
 * the GTID of the source's last position (no series before the first). A tag cannot change by
 * itself: {@link #updatePositions()} replaces the series with one for the current GTID (one series
 * per source at any time, never one per GTID seen). Call it before each scrape, or on a schedule.
 *
 * <pre>{@code
 * CdcMeterBinder binder = new CdcMeterBinder(client, sink).withTag("stream", "orders");
 * binder.bindTo(registry);
 * ...
 * binder.updatePositions(); // before a scrape
 * }</pre>
 *
 * Thread-safe.
 */
public final class CdcMeterBinder implements MeterBinder {
  private final List<CdcMetrics> sources;
  private final Tags tags;
  private final List<Position> positions = new CopyOnWriteArrayList<>(); // one per source bound

  /** A binder for {@code sources}. */
  public CdcMeterBinder(CdcMetrics... sources) {
    this(List.of(validated(sources)), Tags.empty());
  }

  private CdcMeterBinder(List<CdcMetrics> sources, Tags tags) {
    this.sources = sources;
    this.tags = tags;
  }

  private static CdcMetrics[] validated(CdcMetrics[] sources) {
    for (CdcMetrics source : sources) {
      Objects.requireNonNull(source, "sources");
    }
    return sources;
  }

  /**
   * A binder for the same sources that also tags every meter {@code key=value}, e.g. the name of
   * the stream a client and its sink make, so that one query finds both.
   *
   * @throws IllegalArgumentException if {@code key} is blank or {@code source}, the tag this binder
   *     sets itself
   */
  public CdcMeterBinder withTag(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isBlank() || key.equals("source") || key.equals("gtid")) {
      throw new IllegalArgumentException(
          "key must be a tag name other than source and gtid, got '" + key + "'");
    }
    return new CdcMeterBinder(sources, tags.and(key, value));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (CdcMetrics source : sources) {
      MetricsSnapshot first = source.snapshot();
      Tags tagged = tags.and("source", first.source());
      for (String name : first.counters().keySet()) {
        FunctionCounter.builder("maxcdc." + name, source, s -> s.snapshot().counter(name))
            .tags(tagged)
            .description(name + " of " + first.source())
            .register(registry);
      }
      Gauge.builder("maxcdc.lag", source, s -> s.snapshot().lag().toMillis() / 1000.0)
          .tags(tagged)
          .baseUnit("seconds")
          .description("now minus the source commit time of the last change")
          .register(registry);
      MultiGauge gtid =
          MultiGauge.builder("maxcdc.last.gtid")
              .tags(tagged)
              .description("always 1; the gtid tag is the GTID of the last change")
              .register(registry);
      Position position = new Position(source, gtid);
      positions.add(position);
      position.update();
    }
  }

  /**
   * Sets the {@code gtid} tag of each {@code maxcdc.last.gtid} gauge to the current GTID of its
   * source, removing the series of the previous one. Any thread.
   */
  public void updatePositions() {
    positions.forEach(Position::update);
  }

  private record Position(CdcMetrics source, MultiGauge gauge) {
    synchronized void update() {
      List<MultiGauge.Row<?>> rows =
          source
              .snapshot()
              .last()
              .<List<MultiGauge.Row<?>>>map(
                  p -> List.of(MultiGauge.Row.of(Tags.of("gtid", p.gtid().toString()), 1)))
              .orElse(List.of());
      gauge.register(rows, true);
    }
  }
}
