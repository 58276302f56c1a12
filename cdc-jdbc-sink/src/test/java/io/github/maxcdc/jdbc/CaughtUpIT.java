package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.testing.GatedSource;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink commits when the stream has caught up with its source, not after the idle interval: the
 * idle interval is set far beyond every wait of these tests, so they cannot pass by the idle path.
 * A source transaction whose rows arrive with pauses shorter than the quiet interval stays whole.
 */
class CaughtUpIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final Duration NEVER_IDLE = Duration.ofMinutes(30);
  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Passes every call to the sink and notes the calls and each new committed position. */
  static final class Log implements ChangeListener {
    final JdbcSink sink;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> commits = new CopyOnWriteArrayList<>();
    volatile int idles;

    Log(JdbcSink sink) {
      this.sink = sink;
    }

    @Override
    public void onChange(ChangeEvent event) throws Exception {
      sink.onChange(event);
      calls.add("change " + event.position());
      noteCommit();
    }

    @Override
    public void onCaughtUp(Duration quietFor) throws Exception {
      sink.onCaughtUp(quietFor);
      calls.add("caught up " + quietFor);
      noteCommit();
    }

    @Override
    public void onIdle() throws Exception {
      idles++;
      sink.onIdle();
    }

    @Override
    public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
        throws Exception {
      return sink.resumeAfter(lastDelivered);
    }

    private void noteCommit() {
      StreamPosition last = sink.metrics().lastPosition();
      String text = last == null ? null : last.toString();
      if (text != null && (commits.isEmpty() || !commits.get(commits.size() - 1).equals(text))) {
        commits.add(text);
      }
    }

    /** Whether the change at {@code position} was delivered and the stream then caught up. */
    boolean caughtUpAfter(String position) {
      int change = calls.lastIndexOf("change " + position);
      return change >= 0 && calls.subList(change, calls.size()).contains("caught up PT0S");
    }
  }

  @BeforeEach
  void target() throws SQLException {
    DB.recreateDatabase("caught");
    DB.execute("CREATE TABLE caught.t (k INT PRIMARY KEY, v VARCHAR(20))");
  }

  static JdbcSink sink() {
    return JdbcSink.builder()
        .jdbcUrl(DB.jdbcUrl("caught"), "root", "")
        .mapping(TableMapping.of("src.t", "caught.t"))
        .build();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE + " for " + what);
      Thread.sleep(5);
    }
  }

  static long count() {
    try {
      return Rows.of(DB, "caught.t", "k", "k").size();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLoneChangeIsCommittedWithoutWaitingForTheIdleInterval() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable(
              "src",
              "t",
              TableDefinition.builder()
                  .column("k", "INT")
                  .primaryKey("k")
                  .column("v", "VARCHAR(20)")
                  .build());
      try (JdbcSink sink = sink()) {
        Log log = new Log(sink);
        try (CdcClient client =
            sink.attach(
                    CdcClient.builder()
                        .address(server.host(), server.port())
                        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                        .idleInterval(NEVER_IDLE))
                .listener(log)
                .build()) {
          client.start();
          t.insert(Map.of("k", 1, "v", "one"));
          await(() -> count() == 1, "the first row in the target");
          t.insert(Map.of("k", 2, "v", "two"));
          await(() -> count() == 2, "the second row in the target");
          // the row is visible as soon as the sink commits, a moment before the log notes it
          await(() -> log.commits.size() >= 2, "the second commit noted");
          assertEquals(0, log.idles, "the idle path was not taken");
          assertEquals(
              List.of("0-1-2:1", "0-1-3:1"),
              log.commits,
              "one commit per lone change: " + log.calls);
        }
      }
    }
  }

  @Test
  void aTransactionDeliveredRowByRowWithShortPausesIsCommittedWhole() throws Exception {
    GatedSource source = new GatedSource(new TableId("src", "t"));
    try (JdbcSink sink = sink()) {
      Log log = new Log(sink);
      try (CdcClient client =
          sink.attach(CdcClient.builder().source(source))
              .idleInterval(NEVER_IDLE)
              .quietInterval(Duration.ofSeconds(3))
              .listener(log)
              .build()) {
        client.start();
        // transaction 0-1-10, three rows with pauses far shorter than the quiet interval; the
        // reader catches up after each row
        for (int row = 1; row <= 3; row++) {
          source.insert(10, row, row, "a" + row);
          String position = "0-1-10:" + row;
          await(() -> log.caughtUpAfter(position), "caught up after " + position);
          Thread.sleep(100); // the source pauses inside its transaction
          assertEquals(0, count(), "nothing of an open transaction is committed");
        }
        // the next transaction completes 0-1-10, which is committed whole at the next catch-up
        source.insert(11, 1, 4, "b1");
        await(() -> log.commits.contains("0-1-10:3"), "the commit of 0-1-10");
        assertEquals(3, count());
        // 0-1-11 is committed once the caught-up stream has stayed quiet for the quiet interval
        await(() -> log.commits.contains("0-1-11:1"), "the commit of 0-1-11 after the quiet time");
        assertEquals(4, count());
        assertEquals(List.of("0-1-10:3", "0-1-11:1"), log.commits, "no commit inside 0-1-10");
        assertEquals(0, log.idles, "the idle path was not taken");
      }
    }
  }
}
