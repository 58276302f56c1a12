package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxcdc replicate --http-port}: {@code /metrics} and {@code /health} of the running
 * command, in a JVM of its own, read with a real HTTP client.
 */
class ReplicateHttpIT {
  static final String DW = "http_dw";
  static final String TARGET = DW + ".commandes_dw";
  static final String STREAM = "shop_tx.commandes -> " + TARGET;
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final Pattern ADDRESS =
      Pattern.compile("metrics and health on (http://127\\.0\\.0\\.1:\\d+)");
  static final Path DASHBOARD = Path.of("..", "docs", "grafana", "maxcdc-dashboard.json");

  final TestDatabase db = TestDatabase.shared();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void freshTarget() throws Exception {
    db.recreateDatabase(DW);
    db.execute(ReplicateCommandIT.TARGET_DDL.replace(ReplicateCommandIT.TARGET, TARGET));
  }

  List<String> args(FakeMaxScale server, String... extra) {
    return CommandArgs.replicate(server, "shop_tx.commandes")
        .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "commandes_dw")
        .with(extra)
        .build();
  }

  @ParameterizedTest(name = "shaded jar: {0}")
  @ValueSource(booleans = {false, true})
  void metricsMoveAndHealthFollowsTheLagOfTheRunningCommand(boolean shadedJar) throws Exception {
    // every change committed an hour ago: the sink lags an hour, yet a caught-up stream is healthy
    Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
    try (FakeMaxScale server = FakeMaxScale.builder().clock(anHourAgo).build()) {
      ScriptedTable commandes =
          server.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      commandes.insert(ReplicateCommandIT.order("Client A", "120.50", "NOUVELLE"));
      commandes.insert(ReplicateCommandIT.order("Client B", "80.00", "NOUVELLE"));
      Path log = Path.of("target", "replicate-http-it", "metrics-and-health-" + shadedJar + ".log");
      List<String> args = args(server, "--http-port", "0", "--health-max-lag", "2s");
      // the shaded jar leaves some of Micrometer's optional dependencies out: it must serve too
      Process child =
          shadedJar
              ? ChildJvm.startJar(
                  Path.of("target", "maxcdc.jar"), args, ReplicateCommandIT.ENV, log)
              : ChildJvm.startMain(args, ReplicateCommandIT.ENV, log);
      try {
        String url = awaitAddress(child, log);

        // healthy from the start (lag under the maximum), then caught up with every change applied
        String gtid = server.lastGtid().orElseThrow();
        JsonNode healthy =
            awaitHealth(
                url,
                200,
                h ->
                    h.get("streams").get(0).get("lastPosition").asText().equals(gtid + ":1")
                        && h.get("streams").get(0).get("caughtUp").booleanValue(),
                child,
                log);
        assertEquals("UP", healthy.get("status").asText());
        JsonNode stream = healthy.get("streams").get(0);
        assertEquals(STREAM, stream.get("stream").asText());
        assertEquals("running", stream.get("state").asText());
        assertTrue(stream.get("healthy").booleanValue());
        // its last change was committed an hour ago (maxcdc_lag_seconds below), yet no lag
        assertEquals(0.0, stream.get("lagSeconds").doubleValue(), healthy.toString());

        // the positions are read just before the counters: wait for both
        String metrics =
            awaitMetrics(
                url,
                m ->
                    value(m, "maxcdc_inserts_total", "sink ") == 2
                        && gtids(m).equals(List.of(gtid)));
        for (String name :
            List.of(
                "maxcdc_events_total",
                "maxcdc_inserts_total",
                "maxcdc_updates_total",
                "maxcdc_deletes_total",
                "maxcdc_bytes_total",
                "maxcdc_batches_total",
                "maxcdc_retries_total",
                "maxcdc_reconnects_total",
                "maxcdc_lag_seconds",
                "maxcdc_stream_lag_seconds",
                "maxcdc_stream_healthy",
                "maxcdc_snapshot_rows_copied",
                "maxcdc_snapshot_rows_estimated")) {
          assertTrue(names(metrics).contains(name), name + " in\n" + metrics);
        }
        assertTrue(value(metrics, "maxcdc_lag_seconds", "sink ") > 3000, metrics);
        assertEquals(0.0, value(metrics, "maxcdc_stream_lag_seconds", ""), metrics);
        GrafanaDashboard.assertNamesExportedMetrics(DASHBOARD, names(metrics));

        commandes.insert(ReplicateCommandIT.order("Client C", "10.00", "NOUVELLE"));
        commandes.update(Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
        String newGtid = server.lastGtid().orElseThrow();
        String moved =
            awaitMetrics(
                url,
                m ->
                    value(m, "maxcdc_updates_total", "sink ") == 1
                        && !gtids(m).contains(gtid)
                        && gtids(m).contains(newGtid));
        assertEquals(3.0, value(moved, "maxcdc_inserts_total", "sink "), moved);
        assertTrue(
            value(moved, "maxcdc_bytes_total", "client ")
                > value(metrics, "maxcdc_bytes_total", "client "));
        assertEquals(List.of(newGtid), gtids(moved), "only the current GTID");

        assertEquals(404, send("GET", url + "/status").statusCode());
        assertEquals(405, send("POST", url + "/health").statusCode());

        // the next connection stalls before any data: the stream is no longer caught up
        server.setFaultForAllConnections(Fault.stallForeverAfterBytes(0));
        server.dropAllConnections();
        JsonNode lagging = awaitHealth(url, 503, h -> true, child, log);
        JsonNode late = lagging.get("streams").get(0);
        assertFalse(late.get("healthy").booleanValue(), lagging.toString());
        assertTrue(late.get("lagSeconds").doubleValue() > 2, lagging.toString());
        assertTrue(
            late.get("reason").asText().endsWith(" s is over the maximum of 2.0 s"),
            lagging.toString());
      } finally {
        child.destroy(); // SIGTERM: the command commits and exits, the server with it
      }
      ChildJvm.Exit exit = ChildJvm.await(child, log, DEADLINE);
      assertTrue(exit.output().contains("summary: "), exit.output());
      String url = address(exit.output());
      assertThrows(IOException.class, () -> send("GET", url + "/health"), "stopped with the JVM");
    }
  }

  @Test
  void aPortInUseIsAStartupErrorNamingTheAddress() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      server.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      List<String> args =
          args(server, "--idle-exit", "1s", "--http-port", String.valueOf(taken.getLocalPort()));
      int status =
          Main.run(
              args.toArray(String[]::new),
              new ByteArrayOutputStream(),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              ReplicateCommandIT.ENV);
      String stderr = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, status, stderr);
      assertTrue(
          stderr.startsWith(
              "maxcdc replicate: cannot serve metrics and health on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": "),
          stderr);
      assertEquals(0, server.connectionCount(), "nothing started");
    }
  }

  @Test
  void theHttpOptionsAreCheckedBeforeAnythingStarts() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      ReplicateCommandIT.Run alone =
          ReplicateCommandIT.run(args(server, "--health-max-lag", "1m"), ReplicateCommandIT.ENV);
      assertEquals(2, alone.status(), alone.stderr());
      assertTrue(
          alone.stderr().contains("--http-address and --health-max-lag need --http-port"),
          alone.stderr());
      ReplicateCommandIT.Run port =
          ReplicateCommandIT.run(args(server, "--http-port", "70000"), ReplicateCommandIT.ENV);
      assertEquals(2, port.status(), port.stderr());
      assertTrue(
          port.stderr().contains("--http-port must be between 0 and 65535, got 70000"),
          port.stderr());
      assertEquals(0, server.connectionCount(), "nothing started");
    }
  }

  static String address(String output) {
    Matcher m = ADDRESS.matcher(output);
    assertTrue(m.find(), output);
    return m.group(1);
  }

  static String awaitAddress(Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!ADDRESS.matcher(ChildJvm.read(log)).find()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no address printed:\n" + ChildJvm.read(log));
      }
      Thread.sleep(20); // polling a condition, with a deadline
    }
    return address(ChildJvm.read(log));
  }

  JsonNode awaitHealth(
      String url, int status, Predicate<JsonNode> condition, Process child, Path log)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline && child.isAlive()) {
      last = send("GET", url + "/health");
      assertEquals("application/json", last.headers().firstValue("Content-Type").orElse(""));
      JsonNode body = new ObjectMapper().readTree(last.body());
      if (last.statusCode() == status && condition.test(body)) {
        return body;
      }
      Thread.sleep(50); // polling a condition, with a deadline
    }
    throw new AssertionError(
        "no "
            + status
            + " from /health; last "
            + (last == null ? null : last.body())
            + "\n"
            + ChildJvm.read(log));
  }

  String awaitMetrics(String url, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = send("GET", url + "/metrics");
      assertEquals(200, r.statusCode());
      last = r.body();
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(50); // polling a condition, with a deadline
    }
    throw new AssertionError("the metrics did not get there:\n" + last);
  }

  HttpResponse<String> send(String method, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The names of the samples in a Prometheus text. */
  static List<String> names(String metrics) {
    return metrics
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]", 2)[0])
        .distinct()
        .toList();
  }

  /** The value of {@code name} whose source label starts with {@code source}; NaN if none. */
  static double value(String metrics, String name, String source) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(l -> source.isEmpty() || l.contains("source=\"" + source))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  static List<String> gtids(String metrics) {
    Pattern gtid = Pattern.compile("^maxcdc_last_gtid\\{.*gtid=\"([^\"]+)\".*source=\"sink ");
    return metrics.lines().map(gtid::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
  }
}
