package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The parts of {@link EmbeddedKafka} that need no broker. */
class EmbeddedKafkaTest {
  @Test
  void clusterIdsNeverLookLikeAnOptionOfTheStorageTool() {
    for (int i = 0; i < 10_000; i++) { // about 156 of them would start with '-' otherwise
      String id = EmbeddedKafka.clusterId();
      assertEquals(22, id.length(), id);
      assertFalse(id.startsWith("-"), id);
    }
  }
}
