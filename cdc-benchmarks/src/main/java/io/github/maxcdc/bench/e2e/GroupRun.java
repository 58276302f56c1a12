package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.bench.apply.Changes;
import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.kafka.KafkaPublisher;
import io.github.maxcdc.kafka.KeyedTopicReader;
import io.github.maxcdc.kafka.PartitionApplier;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keyed topic of {@code maxcdc publish} (4 partitions) applied into MariaDB by a consumer group
 * of 2 members against 1 member, same topic, same run: the rate from start to every partition's
 * checkpoint at its end, and where the CPU went (this JVM: readers and sinks; the target's
 * mariadbd; the broker's JVM), so that a ratio below the target can be explained. The members run
 * in this JVM, each with its own consumer, thread and target connections, as two processes would. A
 * third figure: one consumer without a group, merging the partitions into source order, into one
 * sink. One warm-up run, then {@link #ROUNDS} rounds of the three.
 */
public final class GroupRun {
  /** Changes in the topic: 50% updates, 5% deletes, the rest inserts. */
  public static final int CHANGES = 200_000;

  /** Partitions of the topic. */
  public static final int PARTITIONS = 4;

  /** Rounds of the three runs, after one warm-up run. */
  public static final int ROUNDS = 3;

  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final AtomicInteger GROUPS = new AtomicInteger();

  private GroupRun() {}

  /** Publishes the topic, then runs the three measurements and prints them. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start();
        EmbeddedKafka kafka = EmbeddedKafka.builder().baseDir(Path.of("target")).start()) {
      List<ChangeEvent> events = Changes.mix(Changes.commandesSchema(), 0, CHANGES, 50, 5);
      String topic = publish(kafka, events);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "keyed topic (%d partitions, %,d changes) -> sinks -> MariaDB%n",
          PARTITIONS,
          CHANGES);
      System.out.printf(
          Locale.ROOT,
          "%-42s %10s %12s %10s %10s %10s%n",
          "",
          "seconds",
          "changes/s",
          "JVM cpu s",
          "db cpu s",
          "broker s");
      apply(db, kafka, topic, 2, events.size()); // warm-up: JIT, connections, the broker's cache
      double[] ratios = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        Figures one = apply(db, kafka, topic, 1, events.size());
        print("round " + (round + 1) + ": group of 1 member", one);
        Figures two = apply(db, kafka, topic, 2, events.size());
        print("round " + (round + 1) + ": group of 2 members", two);
        print(
            "round " + (round + 1) + ": one consumer, merged",
            apply(db, kafka, topic, 0, events.size()));
        ratios[round] = two.rate() / one.rate();
      }
      System.out.printf(
          Locale.ROOT,
          "group of 2 / group of 1: %s; machine load average now %.1f%n",
          java.util.Arrays.stream(ratios)
              .mapToObj(r -> String.format(Locale.ROOT, "%.2fx", r))
              .collect(java.util.stream.Collectors.joining(", ")),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Time and CPU of one run. */
  record Figures(double seconds, long changes, double jvmCpu, double dbCpu, double brokerCpu) {
    double rate() {
      return changes / seconds;
    }
  }

  private static void print(String label, Figures f) {
    System.out.printf(
        Locale.ROOT,
        "%-42s %10.1f %,12.0f %10.1f %10.1f %10.1f%n",
        label,
        f.seconds(),
        f.rate(),
        f.jvmCpu(),
        f.dbCpu(),
        f.brokerCpu());
  }

  private static String publish(EmbeddedKafka kafka, List<ChangeEvent> events) throws Exception {
    TableId table = events.get(0).table();
    try (KafkaPublisher publisher =
        KafkaPublisher.builder()
            .bootstrap(kafka.bootstrapServers())
            .table(table)
            .partitions(PARTITIONS)
            .keyColumns(List.of("id"))
            .allowUntrusted(true)
            .build()) {
      for (ChangeEvent e : events) {
        publisher.onChange(e);
      }
      publisher.flush();
      return publisher.changeTopic();
    }
  }

  // members 0: one consumer without a group
  private static Figures apply(
      EmbeddedMariaDb db, EmbeddedKafka kafka, String topic, int members, int total)
      throws Exception {
    Target.create(db);
    String group = "bench-group-" + GROUPS.incrementAndGet();
    long[] cpu0 = cpu();
    long start = System.nanoTime();
    List<KeyedTopicReader> readers = new ArrayList<>();
    List<JdbcSink> sinks = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      if (members == 0) {
        JdbcSink sink = sink(db, null);
        sinks.add(sink);
        readers.add(reader(kafka, topic).listener(sink).startAt(sink.startPosition()).build());
      }
      for (int m = 0; m < members; m++) {
        readers.add(
            reader(kafka, topic)
                .group(
                    group,
                    (t, partition) -> {
                      JdbcSink sink = sink(db, t + "-" + partition);
                      sinks.add(sink);
                      return PartitionApplier.of(sink, sink::lastApplied);
                    })
                .build());
      }
      readers.forEach(KeyedTopicReader::start);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (applied(db) < total) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not applied within " + DEADLINE + ": " + applied(db));
        }
        for (KeyedTopicReader r : readers) {
          r.awaitTermination(Duration.ofMillis(1)); // throws what stopped it
        }
        Thread.sleep(20); // polling the target's checkpoints, with a deadline
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] cpu1 = cpu();
      return new Figures(
          seconds,
          total,
          (cpu1[0] - cpu0[0]) / 1e9,
          (cpu1[1] - cpu0[1]) / 100.0,
          (cpu1[2] - cpu0[2]) / 100.0);
    } finally {
      readers.forEach(KeyedTopicReader::close);
      for (JdbcSink s : sinks) {
        s.close();
      }
    }
  }

  private static KeyedTopicReader.Builder reader(EmbeddedKafka kafka, String topic) {
    return KeyedTopicReader.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(topic)
        .property("max.poll.records", "2000");
  }

  private static JdbcSink sink(EmbeddedMariaDb db, String partition) {
    JdbcSink.Builder b =
        JdbcSink.builder()
            .jdbcUrl(Target.url(db), "root", "")
            .mapping(TableMapping.of(Shapes.COMMANDES.qualifiedName(), Target.TABLE));
    if (partition != null) {
      b.streamId(Shapes.COMMANDES.qualifiedName() + "->" + Target.TABLE + "@" + partition);
    }
    return b.build();
  }

  // changes the checkpoints count, all streams
  private static long applied(EmbeddedMariaDb db) throws SQLException {
    try (Connection c = db.connect(Target.DATABASE);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COALESCE(SUM(applied_events), 0) FROM maxcdc_checkpoint")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table yet
        return 0;
      }
      throw e;
    }
  }

  // CPU so far: this JVM (ns), the target's mariadbd and the broker's JVM (clock ticks), both
  // children of this JVM
  private static long[] cpu() {
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long[] ticks = new long[2];
    ProcessHandle.current()
        .descendants()
        .forEach(
            p -> {
              String command = p.info().command().orElse("");
              int slot = command.endsWith("mariadbd") ? 0 : command.endsWith("java") ? 1 : -1;
              if (slot >= 0) {
                ticks[slot] += ticks(p.pid());
              }
            });
    return new long[] {jvm, ticks[0], ticks[1]};
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0; // not Linux, or gone: no figure
    }
  }
}
