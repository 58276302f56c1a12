package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testing.Recorder;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A transaction larger than MaxScale's 16 KiB Avro block: the avrorouter cuts it into many blocks
 * of whole records. Every row arrives once, in order, in both formats, also when the stream starts
 * inside the transaction.
 */
class LargeTransactionIT {
  static final int ROWS = 5_000;
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");

  final Recorder recorder = new Recorder();

  String script(FakeMaxScale server) {
    ScriptedTable table = server.createTable("shop_tx", "commandes", Workshop.COMMANDES);
    server.transaction(
        tx -> {
          for (int i = 1; i <= ROWS; i++) {
            tx.insert(table, Workshop.order("Client " + i, i + ".25", "NOUVELLE"));
          }
        });
    String gtid = server.lastGtid().orElseThrow();
    table.insert(Workshop.order("after", "1.00", "PAYEE"));
    return gtid;
  }

  CdcClient client(FakeMaxScale server, StreamFormat format, StartPosition start) {
    return CdcClient.builder()
        .address(server.host(), server.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .format(format)
        .table(COMMANDES)
        .startAt(start)
        .listener(recorder)
        .stopWhenIdle(Duration.ofMillis(700))
        .build();
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyRowOfATransactionOfManyBlocksArrivesOnceInOrder(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      String gtid = script(server);
      CdcClientIT.runToEnd(client(server, format, StartPosition.beginning()));
      assertRows(gtid, 1);
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aStreamStartedInsideTheTransactionGivesTheRestOfIt(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      String gtid = script(server);
      StreamPosition middle = StreamPosition.parse(gtid + ":" + (ROWS / 2));
      CdcClientIT.runToEnd(client(server, format, StartPosition.after(middle)));
      assertRows(gtid, ROWS / 2 + 1);
    }
  }

  void assertRows(String gtid, int first) {
    List<ChangeEvent> events = recorder.events;
    assertEquals(ROWS - first + 2, events.size(), "the rest of the transaction, then one more");
    assertEquals(
        IntStream.rangeClosed(first, ROWS).mapToObj(i -> gtid + ":" + i).toList(),
        events.subList(0, events.size() - 1).stream().map(e -> e.position().toString()).toList());
    for (int i = first; i <= ROWS; i++) {
      ChangeEvent e = events.get(i - first);
      assertEquals("Client " + i, e.after().getString("client"));
      assertEquals(0, new BigDecimal(i + ".25").compareTo(e.after().getBigDecimal("montant")));
    }
    ChangeEvent last = events.get(events.size() - 1);
    assertEquals("after", last.after().getString("client"));
    assertTrue(last.position().gtid().toString().compareTo(gtid) != 0);
  }
}
