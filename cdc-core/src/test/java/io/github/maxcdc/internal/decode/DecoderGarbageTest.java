package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Fixtures;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: random bytes, and recorded streams with random damage (bytes changed, cut, garbage
 * inserted), never make a decoder hang or throw anything but the library's {@link CdcException}s.
 */
class DecoderGarbageTest {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");
  static final String[] JSON = {
    "a_commandes_json", "f1_commandes_json_after_alter", "e_all_types_json"
  };
  static final String[] AVRO = {
    "b_commandes_avro", "f2_commandes_avro_after_alter", "e_all_types_avro"
  };

  static byte[] damaged(byte[] stream, SplittableRandom random) {
    byte[] out = stream.clone();
    switch (random.nextInt(4)) {
      case 0: // random bytes changed
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
      case 1: // cut anywhere
        return java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 2:
        { // garbage inserted anywhere
          int at = random.nextInt(out.length);
          byte[] garbage = new byte[1 + random.nextInt(64)];
          random.nextBytes(garbage);
          byte[] joined = new byte[out.length + garbage.length];
          System.arraycopy(out, 0, joined, 0, at);
          System.arraycopy(garbage, 0, joined, at, garbage.length);
          System.arraycopy(out, at, joined, at + garbage.length, out.length - at);
          return joined;
        }
      default:
        { // only random bytes
          byte[] noise = new byte[1 + random.nextInt(4096)];
          random.nextBytes(noise);
          return noise;
        }
    }
  }

  static void decodeOrFailCleanly(boolean json, byte[] bytes, long seed) {
    TableId table =
        TableId.parse(bytes.length % 2 == 0 ? "shop_tx.commandes" : "cdc_types.all_types");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try {
            if (json) {
              Decoded.json(bytes, table, DecoderSplitsTest.chunks(seed, 300));
            } else {
              Decoded.avro(bytes, table, 1, DecoderSplitsTest.chunks(seed, 300));
            }
          } catch (CdcException expected) {
            // the library's own failure: fine
          } catch (Decoded.AssemblyFailure expected) {
            if (!(expected.getCause() instanceof CdcException)) {
              throw expected;
            }
          }
        });
  }

  @Test
  void damagedJsonStreams() {
    qt().withExamples(400)
        .forAll(longs().all(), integers().between(0, JSON.length - 1))
        .checkAssert(
            (seed, which) -> {
              SplittableRandom random = new SplittableRandom(seed);
              decodeOrFailCleanly(true, damaged(Fixtures.stream(JSON[which]), random), seed);
            });
  }

  @Test
  void damagedAvroStreams() {
    qt().withExamples(400)
        .forAll(longs().all(), integers().between(0, AVRO.length - 1))
        .checkAssert(
            (seed, which) -> {
              SplittableRandom random = new SplittableRandom(seed);
              decodeOrFailCleanly(false, damaged(Fixtures.stream(AVRO[which]), random), seed);
            });
  }
}
