package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxcdc stream} buffers its output, yet each change of a trickle reaches stdout (is
 * flushed) while the command keeps running, without waiting for more changes or for the end.
 */
class StreamTrickleIT {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  @ParameterizedTest
  @ValueSource(strings = {"json", "avro"})
  void eachChangeOfATrickleIsFlushedAtOnce(String format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable(
              "shop_tx",
              "commandes",
              TableDefinition.builder()
                  .column("id", "INT")
                  .column("statut", "VARCHAR(20)")
                  .primaryKey("id")
                  .build());
      t.insert(Map.of("id", 1, "statut", "NOUVELLE"));
      Flushed stdout = new Flushed();
      List<String> args =
          CommandArgs.source(
              "stream", server, "shop_tx.commandes", "--format", format, "--idle-exit", "60s");
      // idle exit and final flush come long after the deadlines: only prompt flushes show lines
      Thread command =
          new Thread(
              () ->
                  Main.run(
                      args.toArray(String[]::new),
                      stdout,
                      new PrintStream(OutputStream.nullOutputStream()),
                      StreamCommandIT.ENV),
              "stream-command");
      command.start();
      try {
        stdout.awaitLines(1);
        t.insert(Map.of("id", 2, "statut", "PAYEE"));
        stdout.awaitLines(2);
        assertTrue(
            stdout.text().contains("\"after\":{\"id\":2,\"statut\":\"PAYEE\"}"), stdout.text());
        assertEquals(2, stdout.text().split("\n").length);
      } finally {
        command.interrupt(); // stops the command as a signal would
        command.join(DEADLINE.toMillis());
      }
      assertTrue(!command.isAlive(), "the command stops when interrupted");
    }
  }

  /** Shows only what was flushed. */
  static final class Flushed extends OutputStream {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private String flushed = "";

    @Override
    public synchronized void write(int b) {
      written.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      written.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      flushed = written.toString(StandardCharsets.UTF_8);
      notifyAll();
    }

    synchronized String text() {
      return flushed;
    }

    synchronized void awaitLines(int lines) throws InterruptedException {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (flushed.split("\n", -1).length - 1 < lines) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "expected " + lines + " flushed lines, got: " + flushed);
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
