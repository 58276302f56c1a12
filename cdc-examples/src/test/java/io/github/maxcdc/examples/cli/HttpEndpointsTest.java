package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  HttpEndpoints endpoints;

  @BeforeEach
  void start() throws IOException {
    endpoints =
        HttpEndpoints.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Duration.ofMinutes(5),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    endpoints.close();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoints.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsDownUntilEveryStreamRuns() throws Exception {
    HttpResponse<String> none = send("GET", "/health");
    assertEquals(503, none.statusCode());
    assertEquals("application/json", none.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"status\":\"DOWN\",\"maxLagSeconds\":300.0,\"streams\":[]}", none.body());

    endpoints.stream("a.t -> b.t");
    HttpResponse<String> starting = send("GET", "/health");
    assertEquals(503, starting.statusCode());
    assertTrue(starting.body().contains("\"state\":\"starting\""), starting.body());
  }

  @Test
  void metricsAreThePrometheusTextOfEachStream() throws Exception {
    endpoints.stream("a.t -> b.t");
    HttpResponse<String> metrics = send("GET", "/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals(
        HttpEndpoints.METRICS_CONTENT_TYPE,
        metrics.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(
        metrics.body().contains("maxcdc_snapshot_rows_copied{stream=\"a.t -> b.t\"} 0"),
        metrics.body());
    assertTrue(
        metrics.body().contains("maxcdc_stream_healthy{stream=\"a.t -> b.t\"} 0"), metrics.body());
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    assertEquals(404, send("GET", "/").statusCode());
    assertEquals(404, send("GET", "/metrics/x").statusCode());
    assertEquals(404, send("POST", "/admin").statusCode());
    HttpResponse<String> post = send("POST", "/metrics");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    assertEquals(405, send("DELETE", "/health").statusCode());
    HttpResponse<String> head = send("HEAD", "/health");
    assertEquals(503, head.statusCode());
    assertEquals("", head.body());
    assertEquals(200, send("HEAD", "/metrics").statusCode());
  }

  @Test
  void aStreamThatCannotBeReadIsA500() throws Exception {
    endpoints.stream("a.t -> b.t")
        .opened(
            null,
            () -> {
              throw new IllegalStateException("the sink is closed");
            });
    HttpResponse<String> health = send("GET", "/health");
    assertEquals(500, health.statusCode());
    assertTrue(health.body().contains("the sink is closed"), health.body());
  }

  @Test
  void theServerNeverKeepsTheJvmAlive() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("maxcdc-http")) {
        assertTrue(t.isDaemon(), t.getName() + " must be a daemon thread");
      }
    }
  }

  @Test
  void closingStopsServing() throws Exception {
    assertEquals(503, send("GET", "/health").statusCode());
    endpoints.close();
    endpoints.close(); // idempotent
    assertThrows(IOException.class, () -> send("GET", "/health"));
  }

  @Test
  void aPortInUseIsAnErrorNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
      IOException e =
          assertThrows(
              IOException.class,
              () -> HttpEndpoints.start(address, Duration.ofMinutes(5), Clock.systemUTC()));
      assertTrue(
          e.getMessage()
              .startsWith("cannot serve metrics and health on 127.0.0.1:" + taken.getLocalPort()),
          e.getMessage());
    }
  }
}
