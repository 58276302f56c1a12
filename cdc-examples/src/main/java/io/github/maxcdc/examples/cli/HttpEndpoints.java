package io.github.maxcdc.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.micrometer.CdcMeterBinder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} and {@code /health} of {@code replicate --http-port}, on the JDK's {@link
 * HttpServer}. {@code /metrics} is the Prometheus text format of a Micrometer registry holding each
 * stream's client and sink ({@link CdcMeterBinder}, tagged {@code stream=<source -> target>}), the
 * lag of the health rule ({@code maxcdc_stream_lag_seconds}), whether the stream is healthy ({@code
 * maxcdc_stream_healthy}) and its snapshot's progress ({@code maxcdc_snapshot_rows_copied}, {@code
 * maxcdc_snapshot_rows_estimated}). {@code /health} is the JSON of {@link HealthReport}: 200 when
 * every stream is healthy, else 503. Other paths answer 404; methods other than GET and HEAD 405.
 *
 * <p>Threads: the server's dispatcher and two handler threads, all daemon, so the server never
 * keeps the JVM alive; {@link #close()} stops it. {@link #stream} and {@link #opened} on the
 * command's thread; requests on the handler threads.
 */
final class HttpEndpoints implements AutoCloseable {
  /** The content type of the Prometheus text format the registry writes. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server; // null: no --http-port
  private final ExecutorService handlers; // null: no --http-port
  private final PrometheusMeterRegistry registry; // null: no --http-port
  private final Duration maxLag;
  private final Clock clock;
  private final Map<String, StreamHealth> streams = new LinkedHashMap<>(); // guarded by itself
  private final List<CdcMeterBinder> binders = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpEndpoints(HttpServer server, ExecutorService handlers, Duration maxLag, Clock clock) {
    this.server = server;
    this.handlers = handlers;
    this.registry = server == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.maxLag = maxLag;
    this.clock = clock;
  }

  /** Endpoints that serve nothing and measure nothing ({@link #serving()} is false). */
  static HttpEndpoints none() {
    return new HttpEndpoints(null, null, HttpOptions.DEFAULT_HEALTH_MAX_LAG, Clock.systemUTC());
  }

  /**
   * Starts serving on {@code address} (port 0: a free one).
   *
   * @throws IOException naming the address if it cannot be bound (a port in use)
   */
  static HttpEndpoints start(InetSocketAddress address, Duration maxLag, Clock clock)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (BindException e) {
      throw new IOException(
          "cannot serve metrics and health on "
              + hostPort(address)
              + ": "
              + e.getMessage()
              + " (another process uses the port? choose another --http-port, or 0 for a free"
              + " one)",
          e);
    }
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "maxcdc-http-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpEndpoints endpoints = new HttpEndpoints(server, handlers, maxLag, clock);
    server.setExecutor(handlers);
    server.createContext("/", endpoints::handle);
    startDaemon(server);
    return endpoints;
  }

  // the JDK's dispatcher thread takes the daemon flag of the thread that starts the server
  private static void startDaemon(HttpServer server) throws IOException {
    Thread starter = new Thread(server::start, "maxcdc-http-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      server.stop(0);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the HTTP server", e);
    }
  }

  /** Whether the endpoints serve: when not, the command need not tell them anything. */
  boolean serving() {
    return server != null;
  }

  /** Where the server listens (the actual port when 0 was asked), or null when it does not. */
  InetSocketAddress address() {
    return server == null ? null : server.getAddress();
  }

  /** {@code http://host:port}, for the startup line. */
  String url() {
    return "http://" + hostPort(address());
  }

  private static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * The health of the stream {@code name} ({@code source -> target}), created with its gauges on
   * the first call: the stream shows as starting until it is {@link #opened}.
   */
  StreamHealth stream(String name) {
    synchronized (streams) {
      StreamHealth known = streams.get(name);
      if (known != null) {
        return known;
      }
      StreamHealth health = new StreamHealth(name, clock);
      streams.put(name, health);
      if (registry == null) {
        return health;
      }
      Gauge.builder("maxcdc.snapshot.rows.copied", health, StreamHealth::snapshotCopied)
          .tag("stream", name)
          .description("rows the snapshot (--snapshot) copied so far, earlier runs included")
          .register(registry);
      Gauge.builder("maxcdc.snapshot.rows.estimated", health, StreamHealth::snapshotEstimated)
          .tag("stream", name)
          .description("the source's estimate of the rows to copy; 0 if unknown or no snapshot")
          .register(registry);
      Gauge.builder("maxcdc.stream.lag", health, h -> status(h).lagSeconds())
          .tag("stream", name)
          .baseUnit("seconds")
          .description("the lag of the health rule: 0 while caught up with MaxScale")
          .register(registry);
      Gauge.builder("maxcdc.stream.healthy", health, h -> status(h).healthy() ? 1 : 0)
          .tag("stream", name)
          .description("1 while the stream passes the health rule, else 0")
          .register(registry);
      return health;
    }
  }

  /** The stream {@code name} is open: publishes its client's and sink's meters. */
  void opened(String name, CdcClient client, JdbcSink sink) {
    stream(name).opened(client, sink::metrics);
    if (registry == null) {
      return;
    }
    CdcMeterBinder binder = new CdcMeterBinder(client, sink).withTag("stream", name);
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** The Prometheus text of every meter, positions updated first. */
  String scrape() {
    binders.forEach(CdcMeterBinder::updatePositions);
    return registry.scrape();
  }

  /** The health body, now. */
  HealthReport.Body health() {
    List<HealthReport.StreamStatus> statuses = new ArrayList<>();
    synchronized (streams) {
      streams.values().forEach(h -> statuses.add(status(h)));
    }
    return HealthReport.body(statuses, maxLag);
  }

  private HealthReport.StreamStatus status(StreamHealth health) {
    Instant now = clock.instant();
    return HealthReport.evaluate(health.name(), health.facts(), now, maxLag);
  }

  /** What a request gets: its status, content type and body. */
  record Response(int status, String contentType, byte[] body) {
    static Response text(int status, String line) {
      return new Response(
          status, "text/plain; charset=utf-8", (line + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The response to {@code method path}, computed before anything is sent. Any thread. */
  Response answer(String method, String path) {
    if (!path.equals("/metrics") && !path.equals("/health")) {
      return Response.text(404, "no such path: use /metrics or /health");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Response.text(405, method + " is not allowed: use GET");
    }
    try {
      if (path.equals("/metrics")) {
        return new Response(200, METRICS_CONTENT_TYPE, scrape().getBytes(StandardCharsets.UTF_8));
      }
      HealthReport.Body body = health();
      return new Response(body.httpStatus(), "application/json", body.json());
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", method, path, e);
      return Response.text(500, "could not read the streams: " + e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Response response = answer(method, exchange.getRequestURI().getPath());
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (response.status() == 405) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      }
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(response.status(), -1); // headers only
        return;
      }
      exchange.sendResponseHeaders(response.status(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  /** Stops serving at once and closes the registry. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.stop(0);
      handlers.shutdownNow();
      try {
        handlers.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      registry.close();
    }
  }
}
