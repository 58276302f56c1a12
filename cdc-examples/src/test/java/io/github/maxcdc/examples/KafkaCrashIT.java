package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc replicate} from a KafkaCDC topic, killed ({@code kill -9}) at random instants and
 * run again, with the broker restarted under it once: every run resumes from the target's
 * checkpoint, and the end is the target of one uninterrupted run, each change applied once. The
 * topic is the recording {@code k3_kill} up to MaxScale's kill: 14 changes, then 11,315 rows of one
 * transaction, which the sink commits in parts of 500: each round is killed when the checkpoint
 * passes a random point of what is left, so the kills land inside that transaction.
 *
 * <p>After every kill, the checkpoint's count N and the rows agree: the 6 rows of the first 14
 * changes and, past them, exactly N - 14 bulk rows. System properties: {@code maxcdc.crash.seed}
 * (printed; replays the timings), {@code maxcdc.crash.kafkaKills} (default 6).
 */
class KafkaCrashIT {
  static final long SEED = Long.getLong("maxcdc.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.crash.kafkaKills", 6);
  static final int FIRST_CHANGES = 14; // 10_workload_commandes.sql: 6 rows when done
  static final int BULK = 11_315; // the part of 0-1-11 KafkaCDC wrote before it was killed
  static final Duration DEADLINE = Duration.ofSeconds(90);
  static final Map<String, String> ENV = Map.of("NO_PASSWORD", "");

  static EmbeddedKafka kafka;
  static TestDatabase db;
  static String topic;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.shared().deleteTopics();
    db = TestDatabase.shared();
    topic = "k3-crash";
    kafka.createTopic(topic, 1);
    kafka.produce(
        topic,
        KafkaCdcRecording.builtIn("k3_kill").records().stream()
            .filter(r -> r.offset() < 11_334) // the rows after need a schema never written
            .toList());
  }

  @Test
  void killedAndRestartedItEndsAsOneUninterruptedRun() throws Exception {
    System.out.println("KafkaCrashIT seed " + SEED + " (-Dmaxcdc.crash.seed=" + SEED + ")");
    SplittableRandom timing = new SplittableRandom(SEED);
    db.recreateDatabase("kc_clean");
    db.recreateDatabase("kc_crash");
    ChildJvm.Exit clean =
        ChildJvm.runMain(
            args("kc_clean", true), ENV, Path.of("target/kafka-crash/clean.log"), DEADLINE);
    assertEquals(0, clean.status(), clean.output());
    assertEquals(FIRST_CHANGES + BULK, applied("kc_clean"));

    // the last round: while the broker is down the child applies what it had fetched, which may be
    // all that is left now that a restarted child seeks to its checkpoint's offsets
    int brokerRestartRound = KILLS - 1;
    List<Long> killedAt = new ArrayList<>();
    for (int round = 0; round < KILLS; round++) {
      Path log = Path.of("target/kafka-crash/round-" + round + ".log");
      long before = applied("kc_crash");
      // a kill point inside what is left, so that each round stops the child while it applies
      long left = FIRST_CHANGES + BULK - before;
      long killAt = before + 1 + timing.nextLong(Math.max(1, left / (KILLS - round)));
      killAt = Math.min(killAt, FIRST_CHANGES + BULK - 1); // the last part cannot be waited for
      Process child = ChildJvm.startMain(args("kc_crash", false), ENV, log);
      ChildJvm.awaitStreaming(child, log, "shop_tx.commandes", DEADLINE, "round " + round);
      if (round == brokerRestartRound) {
        kafka.stop(); // the consumer waits for the broker, then goes on where it was
        Thread.sleep(timing.nextInt(200, 1500));
        kafka.start();
      }
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (applied("kc_crash") < killAt && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1); // polling the target's checkpoint, with a deadline
      }
      child.destroyForcibly();
      ChildJvm.Exit killed = ChildJvm.await(child, log, DEADLINE);
      assertEquals(137, killed.status(), "round " + round + ":\n" + killed.output());
      assertTheRowsAreThoseOfTheCheckpoint("round " + round);
      killedAt.add(applied("kc_crash"));
    }
    System.out.println("KafkaCrashIT killed at N = " + killedAt);
    assertTrue(
        killedAt.stream().filter(n -> n > FIRST_CHANGES && n < FIRST_CHANGES + BULK).count() >= 2,
        "most kills should land inside the large transaction: " + killedAt);
    ChildJvm.Exit last =
        ChildJvm.runMain(
            args("kc_crash", true), ENV, Path.of("target/kafka-crash/last.log"), DEADLINE);
    assertEquals(0, last.status(), last.output());

    assertEquals(FIRST_CHANGES + BULK, applied("kc_crash"));
    assertEquals(Rows.of(db, "kc_clean.commandes", "id"), Rows.of(db, "kc_crash.commandes", "id"));
  }

  private void assertTheRowsAreThoseOfTheCheckpoint(String where) throws SQLException {
    long n = applied("kc_crash");
    if (n < FIRST_CHANGES) {
      return; // killed in the first transactions: nothing checked but the end
    }
    assertTrue(n <= FIRST_CHANGES + BULK, where + ": the checkpoint counts " + n + " changes");
    assertEquals(6, count("kc_crash", "statut <> 'BULK'"), where);
    assertEquals(n - FIRST_CHANGES, count("kc_crash", "statut = 'BULK'"), where + ", N = " + n);
  }

  private static long applied(String database) throws SQLException {
    try (Connection c = db.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT applied_events FROM maxcdc_checkpoint")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table yet
        return 0;
      }
      throw e;
    }
  }

  private static long count(String database, String where) throws SQLException {
    try (Connection c = db.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM commandes WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> args(String database, boolean toTheEnd) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replicate",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic",
                topic,
                "--table",
                "shop_tx.commandes",
                "--target-url",
                CommandArgs.embeddedUrl(db, database),
                "--target-user",
                "root",
                "--target-password-env",
                "NO_PASSWORD",
                "--target-table",
                "commandes",
                "--create-target",
                "id",
                "--max-transaction-events",
                "500"));
    if (toTheEnd) {
      args.addAll(List.of("--idle-exit", "3s"));
    }
    return args;
  }
}
