package io.github.maxcdc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResumeOffsetsTest {

  @Test
  void theTextFormRoundTrips() {
    ResumeOffsets record = new ResumeOffsets("shop.cdc", new long[] {1204, 0, 77}, 2, 12);
    ResumeOffsets declared = new ResumeOffsets("t", new long[] {5}, -1, 3);
    ResumeOffsets none = new ResumeOffsets("t", new long[] {5}, -1, 0);

    assertEquals(
        "kafkacdc;topic=shop.cdc;next=0:1204,1:0,2:77;schema=record:2:12", record.format());
    assertEquals("kafkacdc;topic=t;next=0:5;schema=declared:3", declared.format());
    assertEquals("kafkacdc;topic=t;next=0:5;schema=none", none.format());
    for (ResumeOffsets r : new ResumeOffsets[] {record, declared, none}) {
      assertEquals(r, ResumeOffsets.parse(r.format()));
    }
    assertArrayEquals(new long[] {1204, 0, 77}, ResumeOffsets.parse(record.format()).next());
    assertTrue(record.schemaIsRecord());
    assertFalse(declared.schemaIsRecord());
    assertEquals(3, declared.declaredVersion());
    assertEquals(0, record.declaredVersion());
  }

  @Test
  void anotherSourcesOffsetOrDamagedTextIsRefusedSayingWhatWasExpected() {
    for (String bad :
        new String[] {
          "maxcdc;topic=t;next=0:5",
          "kafkacdc;topic=t;next=1:5;schema=none",
          "kafkacdc;topic=t;next=0:x;schema=none",
          "kafkacdc;topic=t;next=0:-1;schema=none",
          "kafkacdc;next=0:5;schema=none",
          "kafkacdc;topic=t;schema=none",
          "kafkacdc;topic=t;next=0:5;schema=record:3:1",
          "kafkacdc;topic=t;next=0:5;schema=elsewhere",
          "kafkacdc;topic=t;next=0:5;colour=blue"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ResumeOffsets.parse(bad), bad);
      assertTrue(e.getMessage().contains("KafkaCDC source offset"), e.getMessage());
    }
  }
}
