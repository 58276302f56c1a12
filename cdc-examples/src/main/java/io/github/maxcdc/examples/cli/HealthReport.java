package io.github.maxcdc.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.examples.cli.StreamHealth.Facts;
import io.github.maxcdc.examples.cli.StreamHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The health rule of {@code replicate --http-port} and its JSON body.
 *
 * <p>A stream is healthy while it is copying its snapshot, or while it is connecting, running or
 * reconnecting with a lag of at most the maximum ({@code --health-max-lag}). Its lag is zero while
 * it is caught up with MaxScale (it has delivered everything MaxScale sent, with no change since):
 * an idle stream is healthy however old its last change. Otherwise the lag is the time since the
 * later of the source commit time of the last change its sink committed and the last moment it was
 * caught up (a lost connection counts as caught up until it was lost); before either, the time
 * since the stream was opened. So a backlog, a stream that stalls, and a reconnect that takes
 * longer than the maximum all become unhealthy once the maximum has passed; a stream starting,
 * stopped or failed is unhealthy at once. The run is healthy when it has streams and every one is.
 * Lag is measured against MaxScale: MaxScale's own delay behind the database is not seen.
 *
 * <p>Stateless and thread-safe.
 */
final class HealthReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HealthReport() {}

  /**
   * One stream's verdict, as it appears in the body.
   *
   * @param stream {@code source -> target}
   * @param state the stream's state, lower case
   * @param healthy whether the stream passes the rule
   * @param reason why not, or null when healthy
   * @param lastPosition the last position its sink committed ({@code GTID:event}), or null
   * @param lagSeconds the lag the rule measured, in seconds
   * @param caughtUp whether the stream is caught up with MaxScale
   */
  record StreamStatus(
      String stream,
      String state,
      boolean healthy,
      String reason,
      String lastPosition,
      double lagSeconds,
      boolean caughtUp) {}

  /**
   * The body of {@code /health}.
   *
   * @param status {@code UP} (HTTP 200) or {@code DOWN} (503)
   * @param maxLagSeconds {@code --health-max-lag}, in seconds
   * @param streams each stream, in the order of the command line
   */
  record Body(String status, double maxLagSeconds, List<StreamStatus> streams) {
    /** 200 when up, else 503. */
    int httpStatus() {
      return status.equals("UP") ? 200 : 503;
    }

    /** The body as JSON, UTF-8. */
    byte[] json() {
      try {
        return JSON.writeValueAsBytes(this);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write the health body as JSON", e);
      }
    }
  }

  /** The body for {@code streams}: UP when there are streams and each is healthy. */
  static Body body(List<StreamStatus> streams, Duration maxLag) {
    boolean up = !streams.isEmpty() && streams.stream().allMatch(StreamStatus::healthy);
    return new Body(up ? "UP" : "DOWN", seconds(maxLag), List.copyOf(streams));
  }

  /** The rule: {@code stream}'s verdict from {@code facts} at {@code now}. */
  static StreamStatus evaluate(String stream, Facts facts, Instant now, Duration maxLag) {
    Duration lag = lag(facts, now);
    String reason;
    switch (facts.state()) {
      case SNAPSHOT:
        reason = null;
        break;
      case STARTING:
        reason = "starting";
        break;
      case STOPPED:
        reason = "stopped";
        break;
      case FAILED:
        reason = "failed: " + facts.failure();
        break;
      default: // connecting, running, reconnecting
        reason =
            lag.compareTo(maxLag) <= 0
                ? null
                : String.format(
                    Locale.ROOT,
                    "lag %.1f s is over the maximum of %.1f s",
                    seconds(lag),
                    seconds(maxLag));
        break;
    }
    return new StreamStatus(
        stream,
        facts.state().name().toLowerCase(Locale.ROOT),
        reason == null,
        reason,
        facts.lastPosition() == null ? null : facts.lastPosition().toString(),
        seconds(lag),
        facts.caughtUp());
  }

  /** The lag the rule measures (see the class comment); never negative. */
  static Duration lag(Facts facts, Instant now) {
    if (facts.caughtUp() && facts.state() == State.RUNNING) {
      return Duration.ZERO;
    }
    Instant from = later(facts.lastCommitTime(), facts.caughtUpAt());
    if (from == null) {
      from = facts.since();
    }
    if (from == null || from.isAfter(now)) {
      return Duration.ZERO; // not opened yet; or a source clock ahead of ours
    }
    return Duration.between(from, now);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
