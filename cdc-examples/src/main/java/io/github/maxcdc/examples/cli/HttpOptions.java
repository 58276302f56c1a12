package io.github.maxcdc.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --http-port}, {@code --http-address} and {@code --health-max-lag}: where a long-running
 * command serves {@code /metrics} and {@code /health} ({@link HttpEndpoints}), and the lag above
 * which a stream is unhealthy ({@link HealthReport}).
 */
public final class HttpOptions {
  /** Address the endpoints listen on when {@code --http-address} is not given: loopback only. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  /** The lag above which a stream is unhealthy when {@code --health-max-lag} is not given. */
  public static final Duration DEFAULT_HEALTH_MAX_LAG = Duration.ofMinutes(5);

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "serve /metrics (Prometheus text) and /health (JSON) over HTTP on this port; 0 takes a"
              + " free one, printed at startup")
  Integer port;

  @Option(
      names = "--http-address",
      paramLabel = "ADDRESS",
      description =
          "address the HTTP endpoints listen on (default: "
              + DEFAULT_ADDRESS
              + ", this machine only; 0.0.0.0 for every interface, behind a firewall)")
  String address;

  @Option(
      names = "--health-max-lag",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "/health answers 503 once a stream lags more than this behind MaxScale; an idle stream"
              + " that has caught up does not lag (default: 5m)")
  Duration maxLag;

  /**
   * Starts the endpoints and prints {@code metrics and health on http://host:port} on {@code
   * stderr}, or returns endpoints serving nothing without {@code --http-port}.
   *
   * @throws ParameterException if an option is out of range, or given without {@code --http-port}
   * @throws IOException naming the address if it cannot be bound
   */
  HttpEndpoints start(PrintStream stderr) throws IOException {
    if (port == null) {
      if (address != null || maxLag != null) {
        throw new ParameterException(
            spec.commandLine(), "--http-address and --health-max-lag need --http-port");
      }
      return HttpEndpoints.none();
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--http-port must be between 0 and 65535, got " + port);
    }
    String host = address == null ? DEFAULT_ADDRESS : address;
    InetAddress bind;
    try {
      bind = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ParameterException(
          spec.commandLine(), "--http-address: no such address or host '" + host + "'");
    }
    HttpEndpoints endpoints =
        HttpEndpoints.start(
            new InetSocketAddress(bind, port),
            maxLag == null ? DEFAULT_HEALTH_MAX_LAG : maxLag,
            Clock.systemUTC());
    stderr.println("metrics and health on " + endpoints.url());
    return endpoints;
  }
}
