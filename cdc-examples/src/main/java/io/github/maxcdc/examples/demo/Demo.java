package io.github.maxcdc.examples.demo;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.examples.Main;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.jdbc.Snapshot;
import io.github.maxcdc.jdbc.SnapshotResult;
import io.github.maxcdc.jdbc.SourceDatabase;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.kafka.KafkaCdcSource;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeKafkaCdc;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workshop's main job, on embedded defaults: a simulated MaxScale (the testkit's fake server)
 * serves the changes of {@code shop_tx.commandes} as the workshop makes them, and maxcdc replicates
 * them into {@code shop_dw.commandes_dw} on an embedded MariaDB, printing each change as it arrives
 * and the target table after each step. Nothing to install; it cleans up after itself. With {@code
 * --kafka}, the changes go through MaxScale's KafkaCDC instead: the fake router writes them into a
 * topic of an embedded Kafka broker, and maxcdc reads them from there.
 *
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -jar cdc-examples/target/maxcdc-demo.jar
 * </pre>
 */
public final class Demo {
  /** The topic the demo's KafkaCDC router writes. */
  static final String TOPIC = "shop_tx_cdc";

  private final PrintStream out;
  private final int orders;
  private final boolean kafka;

  /**
   * A demo printing to {@code out}, with {@code orders} random orders after the workshop's steps,
   * through a KafkaCDC topic if {@code kafka}.
   */
  public Demo(PrintStream out, int orders, boolean kafka) {
    this.out = out;
    this.orders = orders;
    this.kafka = kafka;
  }

  /**
   * {@code maxcdc demo [--orders N] [--kafka]}: exit status 0 when the target equals the source, 1
   * otherwise, 2 on a usage error.
   */
  public static void main(String[] args) {
    String[] demo = new String[args.length + 1];
    demo[0] = "demo";
    System.arraycopy(args, 0, demo, 1, args.length);
    System.exit(Main.run(demo, System.out, System.err, System.getenv()));
  }

  /** Runs the demo; true if the target equals the source at the end. */
  public boolean run() throws Exception {
    long started = System.nanoTime();
    DemoConsole console = new DemoConsole(out);
    console.introduction(kafka);
    Path home = Files.createTempDirectory("maxcdc-demo");
    try {
      return run(console, home, started);
    } finally {
      delete(home);
    }
  }

  private boolean run(DemoConsole console, Path home, long started) throws Exception {
    console.step(
        "Starting two embedded MariaDB servers, the source and the target (the first run unpacks"
            + " them: a few seconds)");
    try (EmbeddedMariaDb target =
            EmbeddedMariaDb.builder().directory(home.resolve("mariadb")).start();
        EmbeddedMariaDb source =
            EmbeddedMariaDb.builder().directory(home.resolve("mariadb")).binlog(1).start();
        EmbeddedKafka broker = kafka ? startKafka(console, home) : null;
        FakeMaxScale maxscale = maxScale(broker)) {
      target.execute("CREATE DATABASE shop_dw", Workshop.TARGET_DDL);
      console.note("target: " + target.jdbcUrl("shop_dw") + ", table shop_dw.commandes_dw");
      console.note(
          broker == null
              ? "source: a simulated MaxScale CDC listener on "
                  + maxscale.host()
                  + ":"
                  + maxscale.port()
              : "source: a simulated MaxScale KafkaCDC router writing topic "
                  + TOPIC
                  + " on the Kafka broker "
                  + broker.bootstrapServers());
      ScriptedTable commandes = maxscale.createTable("shop_tx", "commandes", Workshop.SOURCE);
      Workshop workshop = new Workshop(commandes, maxscale);
      TargetView view = new TargetView(target, out);
      int history = workshop.seedHistory();
      Workshop.createSourceTable(source);
      workshop.mirrorTo(source);
      console.note(
          "source database: "
              + source.jdbcUrl("shop_tx")
              + ", table shop_tx.commandes with "
              + history
              + " older orders that no change stream carries");

      try (JdbcSink sink =
          JdbcSink.builder()
              .jdbcUrl(target.jdbcUrl("shop_dw"), "root", "")
              .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
              .source(SourceDatabase.jdbcUrl(source.jdbcUrl("shop_tx"), "root", ""))
              .build()) {
        console.step(
            "Copying the rows shop_tx.commandes already has (a snapshot of the source database),"
                + " before streaming");
        SnapshotResult copy = Snapshot.builder(sink).build().run();
        console.note(
            copy.rowsCopied()
                + " rows copied; the stream starts "
                + (copy.gtidPosition().isEmpty()
                    ? "at the beginning (the source had binlogged nothing yet)"
                    : "after " + copy.gtidPosition()));
        view.print("after the snapshot");
        CdcClient.Builder client =
            broker == null
                ? CdcClient.builder()
                    .address(maxscale.host(), maxscale.port())
                    .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                : CdcClient.builder()
                    .source(
                        KafkaCdcSource.builder()
                            .bootstrapServers(broker.bootstrapServers())
                            .topic(TOPIC)
                            .build())
                    .idleInterval(Duration.ofMillis(100));
        return replicate(console, client, workshop, view, sink, history, started);
      }
    }
  }

  private static EmbeddedKafka startKafka(DemoConsole console, Path home) {
    console.step("Starting an embedded Kafka broker (a JVM of its own: a few seconds)");
    EmbeddedKafka broker = EmbeddedKafka.builder().baseDir(home).start();
    broker.createTopic(TOPIC, 1);
    return broker;
  }

  private static FakeMaxScale maxScale(EmbeddedKafka broker) {
    FakeMaxScale.Builder b = FakeMaxScale.builder();
    if (broker != null) {
      b.kafkaCdc(FakeKafkaCdc.toTopic(broker.bootstrapServers(), TOPIC));
    }
    return b.build();
  }

  private boolean replicate(
      DemoConsole console,
      CdcClient.Builder source,
      Workshop workshop,
      TargetView view,
      JdbcSink sink,
      int history,
      long started)
      throws Exception {
    console.step(
        "INSERT INTO commandes (client, montant, statut) VALUES ('Client A', 120.50, 'NOUVELLE')");
    workshop.insertClientA();
    try (CdcClient client =
        sink.attach(
                source.reconnect(Backoff.forever(Duration.ofMillis(100), Duration.ofMillis(500))))
            .listener(new PrintingListener(sink, console))
            .build()) {
      client.start();
      view.awaitRows(history + 1, sink);
      view.print("after the INSERT");

      console.step("UPDATE commandes SET statut = 'PAYEE' WHERE client = 'Client A'");
      workshop.payClientA();
      view.awaitStatus("Client A", "PAYEE", sink);
      view.print("after the UPDATE");

      console.step("DELETE FROM commandes WHERE client = 'Client A'");
      workshop.deleteClientA();
      view.awaitRows(history, sink);
      view.print("after the DELETE");

      console.step(orders + " more orders: inserts, updates and deletes in random transactions");
      console.quiet();
      int changes = workshop.randomOrders(orders);
      view.awaitApplied(3 + changes, sink);
      Map<Integer, Map<String, Object>> expected = workshop.expectedRows();
      boolean equal = view.equalsExpected(expected);
      SinkMetrics metrics = sink.metrics();
      console.summary(
          metrics, expected.size(), equal, Duration.ofNanos(System.nanoTime() - started));
      return equal;
    }
  }

  private static void delete(Path home) throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
