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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end, fake MaxScale to client to sink to embedded MariaDB, with the sink's default flush
 * settings: the latency from a transaction being served to being committed in the target at a
 * steady 2,000 events/s (against the floor: one autocommitted single-row INSERT), and the rate at
 * which a backlog is drained (against the sink alone applying the same number of inserts from
 * memory).
 */
public final class E2eRun {
  /** The offered rate, events per second. */
  public static final int RATE = 2000;

  /** Seconds at the offered rate before latencies are recorded. */
  public static final int WARMUP_SECONDS = 5;

  /** Seconds at the offered rate with latencies recorded. */
  public static final int MEASURED_SECONDS = 15;

  /** Rows of the backlog. */
  public static final int BACKLOG = 100_000;

  /** The sink's flush latency of the second steady run, to show what the default costs. */
  public static final Duration LOW_MAX_LATENCY = Duration.ofMillis(50);

  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private E2eRun() {}

  /** Runs both measurements and prints them. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      Histogram floor = commitFloor(db);
      Histogram latency = new Histogram();
      double offered = steady(db, latency, JdbcSink.Builder.DEFAULT_MAX_LATENCY);
      Histogram lowLatency = new Histogram();
      double offeredLow = steady(db, lowLatency, LOW_MAX_LATENCY);
      System.out.println();
      System.out.printf(
          "end to end at %,d events/s offered (%,.0f achieved), served -> committed in target%n",
          RATE, offered);
      System.out.printf("%-28s %9s %9s %9s%n", "", "p50 ms", "p99 ms", "max ms");
      System.out.printf(
          "%-28s %9.1f %9.1f %9.1f   (%,d events)%n",
          "maxcdc, default flush",
          latency.percentileMillis(50),
          latency.percentileMillis(99),
          latency.percentileMillis(100),
          latency.count());
      System.out.printf(
          "%-28s %9.1f %9.1f %9.1f   (%,d events, %,.0f/s achieved)%n",
          "maxcdc, maxLatency " + LOW_MAX_LATENCY.toMillis() + " ms",
          lowLatency.percentileMillis(50),
          lowLatency.percentileMillis(99),
          lowLatency.percentileMillis(100),
          lowLatency.count(),
          offeredLow);
      System.out.printf(
          "%-28s %9.1f %9.1f %9.1f%n",
          "floor: 1-row autocommit",
          floor.percentileMillis(50),
          floor.percentileMillis(99),
          floor.percentileMillis(100));
      double drained = drain(db);
      double alone = SinkAlone.rate(db, BACKLOG);
      System.out.printf(
          "backlog of %,d inserts: end to end %,.0f events/s, sink alone %,.0f events/s: %.2fx%n",
          BACKLOG, drained, alone, drained / alone);
    }
  }

  static Histogram commitFloor(EmbeddedMariaDb db) throws Exception {
    Target.create(db);
    Histogram h = new Histogram();
    try (Connection c = db.connect(Target.DATABASE);
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO " + Target.TABLE + " (id, client) VALUES (?, 'x')")) {
      for (int id = 1; id <= 2000; id++) {
        long start = System.nanoTime();
        ps.setInt(1, id);
        ps.executeUpdate();
        if (id > 500) {
          h.add(System.nanoTime() - start);
        }
      }
    }
    return h;
  }

  // Offers RATE one-row transactions per second; returns the rate achieved.
  private static double steady(EmbeddedMariaDb db, Histogram latency, Duration maxLatency)
      throws Exception {
    Target.create(db);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = Workload.insert(server, Shapes.COMMANDES, 1, false);
      SplittableRandom random = new SplittableRandom(Workload.SEED);
      try (JdbcSink sink = sink(db, maxLatency)) {
        CommitClock clock = new CommitClock(sink, latency);
        try (CdcClient client = client(server, sink, clock)) {
          client.start();
          int total = RATE * (WARMUP_SECONDS + MEASURED_SECONDS);
          long interval = 1_000_000_000L / RATE;
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
            if (i == RATE * WARMUP_SECONDS) {
              clock.countFrom(last);
            }
          }
          double achieved = total / ((System.nanoTime() - start) / 1e9);
          awaitCommitted(clock, last);
          return achieved;
        }
      }
    }
  }

  // Serves a backlog and returns the events per second from client start to the last commit.
  private static double drain(EmbeddedMariaDb db) throws Exception {
    Target.create(db);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload.insert(server, Shapes.COMMANDES, BACKLOG, false);
      long last = sequence(server);
      try (JdbcSink sink = sink(db)) {
        CommitClock clock = new CommitClock(sink, new Histogram());
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
