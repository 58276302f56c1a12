package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.internal.replay.ReplayHandler;
import io.github.maxcdc.testkit.internal.session.SessionOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Recording#ofJsonStream} and {@link Recording#ofAvroStream} serve a captured stream with
 * MaxScale's writes: one per JSON line, one per AVRO header or block. The writes are those the
 * session hands to its socket output, one {@code write} each.
 */
class StreamRecordingTest {
  private static final int HANDSHAKE = "OK\n\nOK\n".length();

  @Test
  void jsonIsWrittenOneLinePerWrite() throws IOException {
    byte[] stream = data("a_commandes_json");
    List<byte[]> writes = play(Recording.ofJsonStream("shop_tx.commandes", stream));
    assertEquals(19, writes.size(), "the schema line and 18 rows");
    for (byte[] write : writes) {
      assertEquals(1, count(write, (byte) '\n'), new String(write, StandardCharsets.UTF_8));
      assertEquals('\n', write[write.length - 1]);
    }
    assertTrue(new String(writes.get(0), StandardCharsets.UTF_8).contains("\"namespace\""));
    assertArrayEquals(stream, concat(writes));
  }

  @Test
  void avroIsWrittenOneHeaderOrBlockPerWrite() throws IOException {
    byte[] stream = data("b_commandes_avro");
    List<byte[]> writes = play(Recording.ofAvroStream("shop_tx.commandes", stream));
    assertEquals(9, writes.size(), "the header and 8 blocks, one per transaction");
    assertTrue(isHeader(writes.get(0)));
    int records = 0;
    for (byte[] block : writes.subList(1, writes.size())) {
      assertFalse(isHeader(block));
      records += block[0] / 2; // zigzag varint: counts under 64 fit one byte
    }
    assertEquals(18, records);
    assertArrayEquals(stream, concat(writes));
  }

  @Test
  void reSentAvroHeadersAreWritesOfTheirOwn() throws IOException {
    byte[] stream = data("g_live_commandes_avro_during_alter");
    List<byte[]> writes = play(Recording.ofAvroStream("shop_tx.commandes", stream));
    assertEquals(7, writes.stream().filter(StreamRecordingTest::isHeader).count());
    assertEquals(19, writes.size(), "7 headers and 12 blocks");
    assertArrayEquals(stream, concat(writes));
  }

  @Test
  void aClientReceivesTheHandshakeThenTheStream() throws IOException {
    byte[] stream = data("a_commandes_json");
    try (FakeMaxScale server =
            FakeMaxScale.builder()
                .replay(Recording.ofJsonStream("shop_tx.commandes", stream))
                .build();
        RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA shop_tx.commandes");
      assertArrayEquals(stream, client.read(stream.length));
      client.expectSilence();
    }
  }

  @Test
  void bytesThatAreNotAnAvroStreamAreRefused() {
    byte[] json = data("a_commandes_json");
    assertThrows(
        IllegalArgumentException.class, () -> Recording.ofAvroStream("shop_tx.commandes", json));
    byte[] avro = data("b_commandes_avro");
    byte[] truncated = Arrays.copyOf(avro, avro.length - 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Recording.ofAvroStream("shop_tx.commandes", truncated));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Recording.ofJsonStream(" ", json));
  }

  // The fixture's data bytes, without the handshake replies.
  private static byte[] data(String fixture) {
    byte[] all = Recording.builtInServerBytes(fixture);
    assertEquals("OK\n\nOK\n", new String(all, 0, HANDSHAKE, StandardCharsets.US_ASCII));
    return Arrays.copyOfRange(all, HANDSHAKE, all.length);
  }

  // Plays the recording's conversation and returns the stream writes, in order.
  private static List<byte[]> play(Recording recording) throws IOException {
    Writes out = new Writes();
    ReplayHandler handler = new ReplayHandler(recording.transcript(), out, "test");
    handler.onOpen();
    for (byte[] message : recording.clientMessages()) {
      handler.onMessage(message);
    }
    assertEquals(List.of("OK\n\n", "OK\n"), out.handshakes);
    return out.writes;
  }

  private static boolean isHeader(byte[] write) {
    return write.length > 4 && write[0] == 'O' && write[1] == 'b' && write[2] == 'j';
  }

  private static int count(byte[] bytes, byte b) {
    int n = 0;
    for (byte x : bytes) {
      n += x == b ? 1 : 0;
    }
    return n;
  }

  private static byte[] concat(List<byte[]> writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writes.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static final class Writes implements SessionOutput {
    final List<String> handshakes = new ArrayList<>();
    final List<byte[]> writes = new ArrayList<>();

    @Override
    public void handshake(byte[] bytes) {
      handshakes.add(new String(bytes, StandardCharsets.US_ASCII));
    }

    @Override
    public void stream(byte[] bytes, int rows) {
      writes.add(bytes.clone());
    }

    @Override
    public void close() {}

    @Override
    public boolean isClosed() {
      return false;
    }
  }
}
