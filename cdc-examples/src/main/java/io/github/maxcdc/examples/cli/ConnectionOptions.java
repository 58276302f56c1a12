package io.github.maxcdc.examples.cli;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a command keeps its connections to MaxScale alive: the stall timeout (MaxScale sends no
 * heartbeat, so a connection that stopped delivering looks like a quiet table; TCP keep-alive is
 * always on, but takes hours to notice a dead peer), the longest delay between reconnects and how
 * many reconnects in a row are tried.
 */
public final class ConnectionOptions {
  /** Stall timeout when {@code --stall-timeout} is not given: 5 minutes. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--stall-timeout",
      paramLabel = "DURATION",
      converter = StallTimeoutConverter.class,
      description =
          "reconnect after this long without data, resuming exactly where the stream was; 0 or "
              + "off never (default: 5m, or off when --idle-exit is at least that long)")
  Duration stallTimeout;

  @Option(
      names = "--reconnect-max-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "longest wait between two reconnects; waits start at 200ms and double, with jitter "
              + "(default: 30s)")
  Duration reconnectMaxDelay;

  @Option(
      names = "--reconnect-attempts",
      paramLabel = "N",
      description =
          "reconnects in a row before the stream fails (a connection that delivers data starts "
              + "the count again); 0 never reconnects (default: without limit)")
  Integer reconnectAttempts;

  /**
   * Sets the stall timeout and the reconnect policy on {@code client}.
   *
   * @param idleExit the command's {@code --idle-exit}, or null: a reconnect restarts the idle
   *     clock, so a stall timeout must be longer for the command to end
   * @throws ParameterException if an option is out of range or conflicts with {@code idleExit}
   */
  public CdcClient.Builder configure(CdcClient.Builder client, Duration idleExit) {
    stallTimeout(idleExit).ifPresent(client::stallTimeout);
    if (reconnectMaxDelay != null || reconnectAttempts != null) {
      client.reconnect(reconnectPolicy());
    }
    return client;
  }

  private Backoff reconnectPolicy() {
    Backoff defaults = Backoff.DEFAULT;
    Duration initial = defaults.initialDelay();
    if (reconnectMaxDelay != null && reconnectMaxDelay.compareTo(initial) < 0) {
      throw usage(
          "--reconnect-max-delay must be at least "
              + initial.toMillis()
              + "ms (the first wait), got "
              + reconnectMaxDelay.toMillis()
              + "ms");
    }
    if (reconnectAttempts != null && reconnectAttempts < 0) {
      throw usage("--reconnect-attempts must be 0 or more, got " + reconnectAttempts);
    }
    return new Backoff(
        initial,
        reconnectMaxDelay == null ? defaults.maxDelay() : reconnectMaxDelay,
        reconnectAttempts == null ? defaults.maxAttempts() : reconnectAttempts,
        defaults.jitter());
  }

  private Optional<Duration> stallTimeout(Duration idleExit) {
    if (stallTimeout == null) {
      boolean idleExitFirst = idleExit != null && idleExit.compareTo(DEFAULT_STALL_TIMEOUT) >= 0;
      return idleExitFirst ? Optional.empty() : Optional.of(DEFAULT_STALL_TIMEOUT);
    }
    if (stallTimeout.isZero()) {
      return Optional.empty();
    }
    if (idleExit != null && stallTimeout.compareTo(idleExit) <= 0) {
      throw usage(
          "--stall-timeout ("
              + stallTimeout.toMillis()
              + "ms) must be longer than --idle-exit ("
              + idleExit.toMillis()
              + "ms): each reconnect restarts the idle clock, so the command would never end; "
              + "raise it or write --stall-timeout off");
    }
    return Optional.of(stallTimeout);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
