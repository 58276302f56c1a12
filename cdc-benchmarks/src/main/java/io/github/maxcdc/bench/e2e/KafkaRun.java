package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.kafka.KafkaCdcSource;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeKafkaCdc;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * KafkaCDC topic to client to sink to embedded MariaDB: the latency from a transaction being
 * written into the topic (the fake KafkaCDC router flushes it before the scripting call returns) to
 * being committed in the target, on a trickle (one change every 300 ms) and at 2,000 changes/s,
 * against the floor of one autocommitted INSERT; and the rate at which a backlog in the topic is
 * drained, against the sink alone applying the same inserts from memory.
 */
public final class KafkaRun {
  /** Milliseconds between two changes of the trickle. */
  public static final int TRICKLE_MILLIS = 300;

  /** Changes of the trickle (the first 10 are warm-up). */
  public static final int TRICKLE = 70;

  /** The offered rate of the steady run, changes per second. */
  public static final int RATE = 2000;

  /** Seconds of the steady run (the first 3 are warm-up). */
  public static final int STEADY_SECONDS = 12;

  /** Rows of the backlog. */
  public static final int BACKLOG = 100_000;

  private static final AtomicInteger TOPICS = new AtomicInteger();

  private KafkaRun() {}

  /** Runs the three measurements and prints them. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start();
        EmbeddedKafka kafka = EmbeddedKafka.builder().baseDir(Path.of("target")).start()) {
      if (Boolean.getBoolean("bench.kafka.backlogOnly")) {
        String topic = "bench-" + TOPICS.incrementAndGet();
        double drained = drain(db, kafka, topic);
        System.out.printf(
            "backlog drained at %,.0f events/s; source alone %,.0f events/s%n",
            drained, sourceAlone(kafka, topic));
        return;
      }
      Histogram floor = E2eRun.commitFloor(db);
      Histogram trickle = new Histogram();
      offer(db, kafka, trickle, 1_000 / (double) TRICKLE_MILLIS, TRICKLE, 10);
      Histogram steady = new Histogram();
      double achieved = offer(db, kafka, steady, RATE, RATE * STEADY_SECONDS, RATE * 3);
      System.out.println();
      System.out.println("KafkaCDC topic -> client -> sink, written to the topic -> committed");
      System.out.printf("%-36s %9s %9s %9s%n", "", "p50 ms", "p95 ms", "max ms");
      print("trickle, one change every " + TRICKLE_MILLIS + " ms", trickle, "");
      print(
          "steady, " + RATE + " changes/s offered",
          steady,
          String.format(java.util.Locale.ROOT, ", %,.0f/s achieved", achieved));
      print("floor: 1-row autocommit", floor, "");
      String topic = "bench-" + TOPICS.incrementAndGet();
      double drained = drain(db, kafka, topic);
      double alone = SinkAlone.rate(db, BACKLOG);
      double source = sourceAlone(kafka, topic);
      System.out.printf(
          "backlog of %,d inserts in the topic: drained at %,.0f events/s, sink alone %,.0f"
              + " events/s: %.2fx; the topic read into a listener that only counts: %,.0f"
              + " events/s%n",
          BACKLOG, drained, alone, drained / alone, source);
    }
  }

  private static void print(String label, Histogram h, String more) {
    System.out.printf(
        "%-36s %9.1f %9.1f %9.1f   (%,d changes%s)%n",
        label,
        h.percentileMillis(50),
        h.percentileMillis(95),
        h.percentileMillis(100),
        h.count(),
        more);
  }

  // Offers `total` one-row transactions at `perSecond`; returns the rate achieved.
  private static double offer(
      EmbeddedMariaDb db,
      EmbeddedKafka kafka,
      Histogram latency,
      double perSecond,
      int total,
      int warmup)
      throws Exception {
    Target.create(db);
    String topic = "bench-" + TOPICS.incrementAndGet();
    try (FakeMaxScale server = router(kafka, topic)) {
      ScriptedTable table = Workload.insert(server, Shapes.COMMANDES, 1, false);
      SplittableRandom random = new SplittableRandom(Workload.SEED);
      try (JdbcSink sink = E2eRun.sink(db)) {
        CommitClock clock = new CommitClock(sink, latency);
        try (CdcClient client = client(kafka, topic, sink, clock)) {
          client.start();
          long interval = (long) (1_000_000_000L / perSecond);
          long start = System.nanoTime();
          long last = 0;
          for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
              LockSupport.parkNanos(wait);
            }
            table.insert(Shapes.COMMANDES.row(i + 2, random)); // in the topic when it returns
            last = E2eRun.sequence(server);
            clock.served(last, System.nanoTime());
            if (i == warmup) {
              clock.countFrom(last);
            }
          }
          double achieved = total / ((System.nanoTime() - start) / 1e9);
          E2eRun.awaitCommitted(clock, last);
          return achieved;
        }
      }
    }
  }

  // Fills a topic with a backlog, then returns the events per second from client start to the last
  // commit.
  private static double drain(EmbeddedMariaDb db, EmbeddedKafka kafka, String topic)
      throws Exception {
    Target.create(db);
    try (FakeMaxScale server = router(kafka, topic)) {
      Workload.insert(server, Shapes.COMMANDES, BACKLOG, false);
      long last = E2eRun.sequence(server);
      try (JdbcSink sink = E2eRun.sink(db)) {
        CommitClock clock = new CommitClock(sink, new Histogram());
        try (CdcClient client = client(kafka, topic, sink, clock)) {
          long start = System.nanoTime();
          client.start();
          E2eRun.awaitCommitted(clock, last);
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

  // The same backlog read by the source and client alone, into a listener that counts: what the
  // Kafka path costs without the sink and MariaDB.
  private static double sourceAlone(EmbeddedKafka kafka, String topic) throws Exception {
    java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
    try (CdcClient client =
        CdcClient.builder()
            .source(
                KafkaCdcSource.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .topic(topic)
                    .build())
            .table(Shapes.COMMANDES.database(), Shapes.COMMANDES.table())
            .idleInterval(Duration.ofMillis(100))
            .listener(e -> events.incrementAndGet())
            .build()) {
      long start = System.nanoTime();
      client.start();
      long deadline = start + Duration.ofMinutes(5).toNanos();
      while (events.get() < BACKLOG && System.nanoTime() < deadline) {
        LockSupport.parkNanos(200_000);
      }
      if (events.get() != BACKLOG) {
        throw new IllegalStateException("expected " + BACKLOG + " events, got " + events.get());
      }
      return BACKLOG / ((System.nanoTime() - start) / 1e9);
    }
  }

  // a fake MaxScale whose KafkaCDC router writes into a new topic
  private static FakeMaxScale router(EmbeddedKafka kafka, String topic) {
    kafka.createTopic(topic, 1);
    return FakeMaxScale.builder()
        .kafkaCdc(FakeKafkaCdc.toTopic(kafka.bootstrapServers(), topic))
        .build();
  }

  private static CdcClient client(
      EmbeddedKafka kafka, String topic, JdbcSink sink, CommitClock clock) throws Exception {
    return CdcClient.builder()
        .source(
            KafkaCdcSource.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(topic)
                .build())
        .table(Shapes.COMMANDES.database(), Shapes.COMMANDES.table())
        .startAt(sink.startPosition())
        .idleInterval(Duration.ofMillis(100))
        .listener(clock)
        .build();
  }
}
