package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.examples.TopicRecords.Published;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.FakeMaxScale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc publish} killed ({@code kill -9}) inside the k3 workload's 20,000-row source
 * transaction, at random instants, and run again: the committed records of the table's topic are at
 * every kill a prefix of those of one uninterrupted run, the position record names the last of
 * them, and the end is exactly the uninterrupted run: every change once, none lost (KafkaCDC lost
 * 8,685 rows of that transaction when killed, recording {@code k3_kill}), none twice. The Kafka
 * transactions hold up to 2,000 records and each kill comes after at least one commit of its run,
 * so each kill aborts an open one and the next run resumes inside the source transaction. System
 * properties: {@code maxcdc.crash.seed} (printed; replays the timings), {@code
 * maxcdc.crash.publishKills} (default 4).
 */
class PublishCrashIT {
  static final long SEED = Long.getLong("maxcdc.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.crash.publishKills", 4);
  static final int ROWS = 20_000; // sql-extra/35_big_transaction.sql: one transaction of 20,000
  static final int TRANSACTION = 2_000; // --max-transaction-events
  static final Duration DEADLINE = Duration.ofSeconds(120);
  static final Map<String, String> ENV = Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD);
  static final ObjectMapper JSON = new ObjectMapper();

  static EmbeddedKafka kafka;
  static FakeMaxScale server;
  static BigOrders orders = new BigOrders(ROWS);

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.shared().deleteTopics();
    server = FakeMaxScale.builder().build();
    orders.script(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void killedInsideTheBigTransactionItEndsAsOneUninterruptedRun() throws Exception {
    System.out.println("PublishCrashIT seed " + SEED + " (-Dmaxcdc.crash.seed=" + SEED + ")");
    SplittableRandom timing = new SplittableRandom(SEED);
    ChildJvm.Exit clean =
        ChildJvm.runMain(
            args("clean", true), ENV, Path.of("target/publish-crash/clean.log"), DEADLINE);
    assertEquals(0, clean.status(), clean.output());
    List<Published> expected = TopicRecords.published(kafka.bootstrapServers(), topic("clean"));
    assertEquals(orders.events(), expected.size());
    assertEquals(expected.size(), new HashSet<>(expected).size(), "no record twice");

    List<Integer> killedAt = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> offsets =
        TopicRecords.offsetReader(kafka.bootstrapServers())) {
      for (int round = 0; round < KILLS; round++) {
        Path log = Path.of("target/publish-crash/round-" + round + ".log");
        int before = settledSoFar("before round " + round).size();
        // a kill point inside the big transaction, past at least one commit of this round: in
        // records this run writes, committed or not, counted from the topic's end at its start
        // (the records of the aborted transactions before stay in the log)
        long left = ROWS - before;
        long written =
            Math.min(
                Math.max(1, left - 1),
                TRANSACTION + 500 + timing.nextLong(Math.max(1, left / (KILLS - round))));
        long base = TopicRecords.endOffset(offsets, topic("crash"));
        Process child = ChildJvm.startMain(args("crash", false), ENV, log);
        ChildJvm.awaitStreaming(child, log, "shop_tx.commandes", DEADLINE, "round " + round);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        // offsets count records and transaction markers, committed or aborted
        while (TopicRecords.endOffset(offsets, topic("crash")) < base + written
            && child.isAlive()
            && System.nanoTime() < deadline) {
          Thread.sleep(1); // polling the topic's end, with a deadline
        }
        child.destroyForcibly();
        ChildJvm.Exit killed = ChildJvm.await(child, log, DEADLINE);
        assertEquals(137, killed.status(), "round " + round + ":\n" + killed.output());
        // the killed child's open transaction stays open until the next run fences it
        List<Published> now = settledSoFar("round " + round);
        assertEquals(expected.subList(0, now.size()), now, "round " + round + ": a prefix");
        killedAt.add(now.size());
      }
    }
    System.out.println("PublishCrashIT killed with N records committed: " + killedAt);
    assertTrue(
        killedAt.stream().filter(n -> n > 0 && n < ROWS).count() >= KILLS - 1,
        "the kills should land inside the big transaction, after a commit: " + killedAt);

    ChildJvm.Exit last =
        ChildJvm.runMain(
            args("crash", true), ENV, Path.of("target/publish-crash/last.log"), DEADLINE);
    assertEquals(0, last.status(), last.output());
    List<Published> all = TopicRecords.published(kafka.bootstrapServers(), topic("crash"));
    assertEquals(expected, all, "every change once, in order");
    assertEquals(lastPosition(all), storedPosition(), "the end");
    Set<String> keys = new HashSet<>();
    all.stream().limit(ROWS).forEach(p -> keys.add(p.key()));
    assertEquals(ROWS, keys.size(), "each row of the big transaction once");
  }

  // the committed records once the position record names the last of them: the markers of the
  // last commit reach the two topics one after the other
  private static List<Published> settledSoFar(String where) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<Published> now = TopicRecords.publishedSoFar(kafka.bootstrapServers(), topic("crash"));
      String stored = storedPosition();
      if (java.util.Objects.equals(lastPosition(now), stored)) {
        return now;
      }
      assertTrue(
          System.nanoTime() < deadline,
          where
              + ": the position record says "
              + stored
              + ", the last record "
              + lastPosition(now));
      Thread.sleep(50); // polling for the markers, with a deadline
    }
  }

  private static String storedPosition() throws Exception {
    String last = null;
    for (ConsumerRecord<byte[], byte[]> r :
        TopicRecords.committedSoFar(kafka.bootstrapServers(), "crash.maxcdc.positions")) {
      if ("shop_tx.commandes".equals(TopicRecords.text(r.key()))) {
        last = JSON.readTree(r.value()).get("position").asText();
      }
    }
    return last;
  }

  private static String lastPosition(List<Published> records) throws Exception {
    return records.isEmpty()
        ? null
        : JSON.readTree(records.get(records.size() - 1).value())
            .get("source")
            .get("position")
            .asText();
  }

  private static String topic(String prefix) {
    return prefix + ".shop_tx.commandes";
  }

  private static List<String> args(String prefix, boolean toTheEnd) {
    List<String> args =
        CommandArgs.source(
            "publish",
            server,
            "shop_tx.commandes",
            "--publish-bootstrap",
            kafka.bootstrapServers(),
            "--publish-prefix",
            prefix,
            "--key-columns",
            "id",
            "--max-transaction-events",
            String.valueOf(TRANSACTION));
    if (toTheEnd) {
      args.addAll(List.of("--idle-exit", "3s"));
    }
    return args;
  }
}
