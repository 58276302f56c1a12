package io.github.maxcdc.examples.demo;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.SinkMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What the demo prints: its story, each change as it arrives, and a summary. */
final class DemoConsole {
  private static final int CHANGES_SHOWN_WHEN_QUIET = 10;

  private final PrintStream out;
  private volatile boolean quiet; // set by the main thread, read by the client's reader thread
  private long hidden; // reader thread only

  DemoConsole(PrintStream out) {
    this.out = out;
  }

  /** The introduction; {@code kafka}: the changes go through a KafkaCDC topic. */
  void introduction(boolean kafka) {
    out.println(
        "maxcdc demo: continuous replication of shop_tx.commandes into shop_dw.commandes_dw");
    out.println();
    if (kafka) {
      out.println(
          "  The source here is a SIMULATED MaxScale KafkaCDC router (the maxcdc testkit's fake,"
              + " faithful");
      out.println(
          "  to MaxScale 24.02) writing into a topic of an embedded Kafka broker, and the target");
      out.println("  an embedded MariaDB: nothing to install. Against your own Kafka, the job is:");
      out.println();
      out.println(
          "    java -jar cdc-examples/target/maxcdc.jar replicate --kafka-bootstrap <kafka-host>:9092"
              + " \\");
      out.println("        --kafka-topic shop_tx_cdc --table shop_tx.commandes \\");
    } else {
      out.println(
          "  The source here is a SIMULATED MaxScale (the maxcdc testkit's fake CDC server,"
              + " faithful");
      out.println("  to MaxScale 24.02), and the target an embedded MariaDB: nothing to install.");
      out.println("  Against your own MaxScale and data warehouse, the same job is:");
      out.println();
      out.println(
          "    java -jar cdc-examples/target/maxcdc.jar replicate --host <maxscale-host> --port 4001"
              + " \\");
      out.println(
          "        --user cdcuser --password-env CDC_PASSWORD --table shop_tx.commandes \\");
    }
    out.println(
        "        --target-url jdbc:mariadb://<dw-host>:3306/shop_dw --target-user etl_user \\");
    out.println("        --target-password-env DW_PASSWORD --target-table commandes_dw \\");
    out.println(
        "        --source-url jdbc:mariadb://<oltp-host>:3306/shop_tx --source-user reader \\");
    out.println("        --source-password-env SRC_PASSWORD --snapshot");
    out.println();
    out.println("  (see the README for the MaxScale configuration it needs)");
    out.println();
    out.println(
        "  MaxScale sends a DECIMAL as a double (300.99 arrives as 300.99000000000001) and a");
    out.println(
        "  TIMESTAMP in its own time zone: maxcdc repairs both; the changes below show repaired values.");
    out.flush();
  }

  void step(String text) {
    out.println();
    out.println("== " + text);
    out.flush();
  }

  void note(String text) {
    out.println("   " + text);
    out.flush();
  }

  /** From now on changes are counted, not printed. */
  void quiet() {
    quiet = true;
  }

  void change(ChangeEvent event) {
    if (quiet && hidden++ >= CHANGES_SHOWN_WHEN_QUIET) {
      return;
    }
    out.printf(
        "   change: %-6s %-12s %s%n",
        event.type().jsonName(), event.position(), event.row().asMap());
    out.flush();
  }

  void summary(SinkMetrics metrics, int rows, boolean equal, Duration elapsed) {
    if (hidden > CHANGES_SHOWN_WHEN_QUIET) {
      note("... and " + (hidden - CHANGES_SHOWN_WHEN_QUIET) + " more changes");
    }
    step("Summary");
    note(
        String.format(
            "%d changes applied (%d inserts, %d updates, %d deletes) in %d source transactions,",
            metrics.events(),
            metrics.inserts(),
            metrics.updates(),
            metrics.deletes(),
            metrics.transactions()));
    note(
        String.format(
            "%d target commits, %d retries; last position %s, lag %.1f s",
            metrics.commits(),
            metrics.retries(),
            metrics.last().map(Object::toString).orElse("-"),
            metrics.lag().toMillis() / 1000.0));
    note(
        String.format(
            "target shop_dw.commandes_dw: %d rows, %s the source",
            rows, equal ? "equal to" : "DIFFERENT FROM"));
    note(String.format(Locale.ROOT, "demo time: %.1f s", elapsed.toMillis() / 1000.0));
    out.println();
    out.println(equal ? "Demo complete." : "Demo FAILED: the target differs from the source.");
    out.flush();
  }
}
