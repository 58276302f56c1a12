package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end, fake MaxScale to client to sink to embedded MariaDB, with the sink's default flush
 * settings: the latency from a transaction being served to being committed in the target, at a
 * trickle (one change every 300 ms) and at a steady 2,000 events/s, against the floor (one
 * autocommitted single-row INSERT) and against the sink deaf to the client's caught-up signal (it
 * then commits by age, size and idleness only, as before that signal); and the rate at which a
 * backlog is drained, in alternating rounds with and without the signal, against the sink alone
 * applying the same number of inserts from memory.
 */
public final class E2eRun {
  /** The offered rate, events per second. */
  public static final int RATE = 2000;

  /** Seconds at the offered rate before latencies are recorded. */
  public static final int WARMUP_SECONDS = 5;

  /** Seconds at the offered rate with latencies recorded, per round. */
  public static final int MEASURED_SECONDS = 10;

  /** Time between two changes of the trickle. */
  public static final Duration TRICKLE_INTERVAL = Duration.ofMillis(300);

  /** Changes of the trickle before latencies are recorded. */
  public static final int TRICKLE_WARMUP = 10;

  /**
   * Changes of the trickle with latencies recorded, over all rounds (caught-up signal; the baseline
   * gets 40).
   */
  public static final int TRICKLE_MEASURED = 150;

  /** Rounds of the latency runs, each with its own floor, caught-up and idle-only runs. */
  public static final int ROUNDS = 2;

  /** Rows of the backlog. */
  public static final int BACKLOG = 100_000;

  /** Backlog drains with the signal, each followed by one without. */
  public static final int DRAIN_ROUNDS = 3;

  private static final int TRICKLE_BASELINE_MEASURED = 40;
  private static final int TRICKLE_FLOOR_INSERTS = 40;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private E2eRun() {}

  /**
   * Runs the measurements and prints them: all of them, or those named in the system property
   * {@code bench.e2e.parts} ({@code trickle}, {@code steady}, {@code drain}, comma-separated).
   */
  public static void run() throws Exception {
    List<String> parts =
        List.of(System.getProperty("bench.e2e.parts", "trickle,steady,drain").split(","));
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      Histogram floor = new Histogram();
      Histogram trickle = new Histogram();
      Histogram trickleIdle = new Histogram();
      Histogram trickleFloor = new Histogram();
      Histogram steady = new Histogram();
      Histogram steadyIdle = new Histogram();
      if (!parts.contains("trickle") && !parts.contains("steady")) {
        floor.addAll(commitFloor(db));
      }
      for (int round = 1; round <= ROUNDS; round++) {
        if (parts.contains("trickle")) {
          Histogram f = commitFloor(db);
          Histogram with = new Histogram();
          Histogram without = new Histogram();
          double perSecond = 1e9 / TRICKLE_INTERVAL.toNanos();
          offer(db, with, perSecond, TRICKLE_WARMUP, TRICKLE_MEASURED / ROUNDS, true);
          offer(db, without, perSecond, 3, TRICKLE_BASELINE_MEASURED / ROUNDS, false);
          round("trickle", round, f, with, without);
          Histogram spaced = commitFloor(db, TRICKLE_FLOOR_INSERTS, TRICKLE_INTERVAL);
          System.out.printf(
              "  round %d, floor at the trickle's pace (1 INSERT per %d ms): p50 %.1f ms, p95 %.1f"
                  + " ms%n",
              round,
              TRICKLE_INTERVAL.toMillis(),
              spaced.percentileMillis(50),
              spaced.percentileMillis(95));
          trickleFloor.addAll(spaced);
          floor.addAll(f);
          trickle.addAll(with);
          trickleIdle.addAll(without);
        }
        if (parts.contains("steady")) {
          Histogram f = commitFloor(db);
          Histogram with = new Histogram();
          Histogram without = new Histogram();
          int warm = RATE * WARMUP_SECONDS;
          int measured = RATE * MEASURED_SECONDS;
          double offered = offer(db, with, RATE, warm, measured, true);
          double offeredIdle = offer(db, without, RATE, warm, measured, false);
          System.out.printf(
              "  %,d events/s offered: %,.0f and %,.0f/s achieved%n", RATE, offered, offeredIdle);
          round(RATE + "/s", round, f, with, without);
          floor.addAll(f);
          steady.addAll(with);
          steadyIdle.addAll(without);
        }
      }
      System.out.println();
      System.out.println("end to end, served -> committed in target");
      System.out.printf(
          "%-44s %8s %8s %8s %8s %7s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms", "events");
      line("trickle 1 per 300 ms, caught-up signal", trickle);
      line("trickle 1 per 300 ms, idle only (before)", trickleIdle);
      line(RATE + "/s, caught-up signal", steady);
      line(RATE + "/s, idle only (before)", steadyIdle);
      line("floor: 1-row autocommit", floor);
      line("floor, 1 INSERT per 300 ms", trickleFloor);
      if (trickle.count() > 0) {
        System.out.printf(
            "trickle p95 above the floor's p95: %.1f ms; above the floor at the trickle's pace:"
                + " %.1f ms (target <= 20 ms)%n",
            trickle.percentileMillis(95) - floor.percentileMillis(95),
            trickle.percentileMillis(95) - trickleFloor.percentileMillis(95));
      }
      if (steady.count() > 0) {
        System.out.printf(
            "%,d/s p95 above the floor's p95: %.1f ms (target <= 20 ms)%n",
            RATE, steady.percentileMillis(95) - floor.percentileMillis(95));
      }
      if (parts.contains("drain")) {
        drains(db);
      }
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      System.out.printf(Locale.ROOT, "load average at end of e2e: %.1f%n", load);
    }
  }

  // Alternating drains with and without the caught-up signal, then the sink alone.
  private static void drains(EmbeddedMariaDb db) throws Exception {
    double[] with = new double[DRAIN_ROUNDS];
    double[] without = new double[DRAIN_ROUNDS];
    for (int round = 0; round < DRAIN_ROUNDS; round++) {
      with[round] = drain(db, true);
      without[round] = drain(db, false);
      System.out.printf(
          "backlog of %,d inserts, round %d: caught-up signal %,.0f events/s, idle only %,.0f"
              + " events/s: %.2fx%n",
          BACKLOG, round + 1, with[round], without[round], with[round] / without[round]);
    }
    double alone = SinkAlone.rate(db, BACKLOG);
    System.out.printf(
        "backlog median: caught-up signal %,.0f events/s, idle only %,.0f events/s (%.2fx);"
            + " sink alone %,.0f events/s: %.2fx%n",
        median(with), median(without), median(with) / median(without), alone, median(with) / alone);
  }

  private static void round(
      String name, int round, Histogram floor, Histogram with, Histogram without) {
    System.out.printf(
        "  round %d, %s: p95 %.1f ms with the caught-up signal, %.1f ms idle only, floor p95 %.1f"
            + " ms, load average %.1f%n",
        round,
        name,
        with.percentileMillis(95),
        without.percentileMillis(95),
        floor.percentileMillis(95),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void line(String name, Histogram h) {
    if (h.count() == 0) {
      return;
    }
    System.out.printf(
        "%-44s %8.1f %8.1f %8.1f %8.1f %7d%n",
        name,
        h.percentileMillis(50),
        h.percentileMillis(95),
        h.percentileMillis(99),
        h.percentileMillis(100),
        h.count());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static Histogram commitFloor(EmbeddedMariaDb db) throws Exception {
    return commitFloor(db, 2000, Duration.ZERO);
  }

  // One autocommitted single-row INSERT after another, pause apart; the first quarter is warm-up.
  static Histogram commitFloor(EmbeddedMariaDb db, int inserts, Duration pause) throws Exception {
    Target.create(db);
    Histogram h = new Histogram();
    try (Connection c = db.connect(Target.DATABASE);
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO " + Target.TABLE + " (id, client) VALUES (?, 'x')")) {
      for (int id = 1; id <= inserts; id++) {
        if (!pause.isZero()) {
          LockSupport.parkNanos(pause.toNanos());
        }
        long start = System.nanoTime();
        ps.setInt(1, id);
        ps.executeUpdate();
        if (id > inserts / 4) {
          h.add(System.nanoTime() - start);
        }
      }
    }
    return h;
  }

  // Offers one-row transactions at perSecond, warmup then measured of them; returns the rate
  // achieved. With caughtUp false the sink does not hear the client's caught-up signal.
  private static double offer(
      EmbeddedMariaDb db,
      Histogram latency,
      double perSecond,
      int warmup,
      int measured,
      boolean caughtUp)
      throws Exception {
    Target.create(db);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = Workload.insert(server, Shapes.COMMANDES, 1, false);
      SplittableRandom random = new SplittableRandom(Workload.SEED);
      try (JdbcSink sink = sink(db)) {
        CommitClock clock = new CommitClock(sink, latency, caughtUp);
        try (CdcClient client = client(server, sink, clock)) {
          client.start();
          int total = warmup + measured;
          long interval = (long) (1e9 / perSecond);
          long start = System.nanoTime();
          long last = 0;
          for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
              LockSupport.parkNanos(wait);
            }
            table.insert(Shapes.COMMANDES.row(i + 2, random));
            last = sequence(server);
            clock.served(last, System.nanoTime());
            if (i == warmup) {
              clock.countFrom(last);
            }
          }
          double achieved = total / ((System.nanoTime() - start) / 1e9);
          awaitCommitted(clock, last);
          System.out.printf(
              "  %,.1f changes/s offered, %s: %,d changes in %,d target commits; served to"
                  + " delivered p50 %.1f ms, p95 %.1f ms%s%n",
              perSecond,
              caughtUp ? "caught-up signal" : "idle only",
              sink.metrics().events(),
              sink.metrics().commits(),
              clock.deliveries.percentileMillis(50),
              clock.deliveries.percentileMillis(95),
              clock.caughtUpCommits.count() == 0
                  ? ""
                  : String.format(
                      "; commits on the signal took p50 %.1f ms, p95 %.1f ms",
                      clock.caughtUpCommits.percentileMillis(50),
                      clock.caughtUpCommits.percentileMillis(95)));
          return achieved;
        }
      }
    }
  }

  // Serves a backlog and returns the events per second from client start to the last commit.
  private static double drain(EmbeddedMariaDb db, boolean caughtUp) throws Exception {
    Target.create(db);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload.insert(server, Shapes.COMMANDES, BACKLOG, false);
      long last = sequence(server);
      try (JdbcSink sink = sink(db)) {
        CommitClock clock = new CommitClock(sink, new Histogram(), caughtUp);
        try (CdcClient client = client(server, sink, clock)) {
          long start = System.nanoTime();
          client.start();
          awaitCommitted(clock, last);
          double rate = BACKLOG / ((System.nanoTime() - start) / 1e9);
          if (Target.count(db) != BACKLOG) {
            throw new IllegalStateException(
                "expected " + BACKLOG + " rows in the target, found " + Target.count(db));
          }
          return rate;
        }
      }
    }
  }

  static JdbcSink sink(EmbeddedMariaDb db) {
    return sink(db, JdbcSink.Builder.DEFAULT_MAX_LATENCY);
  }

  static JdbcSink sink(EmbeddedMariaDb db, Duration maxLatency) {
    return JdbcSink.builder()
        .jdbcUrl(Target.url(db), "root", "")
        .mapping(TableMapping.of(Shapes.COMMANDES.qualifiedName(), Target.TABLE))
        .maxLatency(maxLatency)
        .build();
  }

  private static CdcClient client(FakeMaxScale server, JdbcSink sink, CommitClock clock)
      throws Exception {
    return CdcClient.builder()
        .address(server.host(), server.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .table(Shapes.COMMANDES.database(), Shapes.COMMANDES.table())
        .startAt(sink.startPosition())
        .listener(clock)
        .build();
  }

  static long sequence(FakeMaxScale server) {
    return Gtid.parse(server.lastGtid().orElseThrow()).sequence();
  }

  static void awaitCommitted(CommitClock clock, long sequence) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (clock.committedSequence() < sequence) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the target did not commit GTID sequence "
                + sequence
                + " within "
                + DEADLINE
                + "; last committed "
                + clock.committedSequence());
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
