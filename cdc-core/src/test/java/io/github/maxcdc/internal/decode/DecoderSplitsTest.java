package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Fixtures;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property: however the bytes of a stream are split into chunks (as TCP may deliver them), the
 * decoders give the same schemas and events as from one chunk.
 */
class DecoderSplitsTest {

  static IntUnaryOperator chunks(long seed, int maxChunk) {
    SplittableRandom random = new SplittableRandom(seed);
    return left -> 1 + random.nextInt(Math.min(left, maxChunk));
  }

  @ParameterizedTest
  @CsvSource({
    "a_commandes_json, shop_tx.commandes",
    "c1_commandes_json_from_gtid_0-1-7, shop_tx.commandes",
    "e_all_types_json, cdc_types.all_types",
    "f1_commandes_json_after_alter, shop_tx.commandes",
    "f5_commandes_json_after_alter_from_gtid_0-1-22, shop_tx.commandes"
  })
  void jsonSplits(String recording, String table) throws Exception {
    TableId id = TableId.parse(table);
    byte[] stream = Fixtures.stream(recording);
    Decoded whole = Decoded.json(stream, id, n -> n);
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(1, 400))
        .checkAssert(
            (seed, maxChunk) -> {
              try {
                Decoded split = Decoded.json(stream, id, chunks(seed, maxChunk));
                assertEquals(whole.items, split.items);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @ParameterizedTest
  @CsvSource({
    "b_commandes_avro, shop_tx.commandes, 1",
    "e_all_types_avro, cdc_types.all_types, 1",
    "f2_commandes_avro_after_alter, shop_tx.commandes, 1",
    "f4_commandes_avro_version_000002, shop_tx.commandes, 2",
    "g_live_commandes_avro_during_alter, shop_tx.commandes, 1"
  })
  void avroSplits(String recording, String table, int version) throws Exception {
    TableId id = TableId.parse(table);
    byte[] stream = Fixtures.stream(recording);
    Decoded whole = Decoded.avro(stream, id, version, n -> n);
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(1, 400))
        .checkAssert(
            (seed, maxChunk) -> {
              try {
                Decoded split = Decoded.avro(stream, id, version, chunks(seed, maxChunk));
                assertEquals(whole.items, split.items);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }
}
