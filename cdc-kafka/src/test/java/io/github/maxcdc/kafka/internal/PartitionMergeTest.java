package io.github.maxcdc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionMergeTest {

  @Test
  void oneTransactionSpreadOverPartitionsComesBackInEventOrder() {
    PartitionMerge<String> merge = new PartitionMerge<>(3);
    add(merge, 1, "0-1-9:2");
    add(merge, 0, "0-1-9:1");
    add(merge, 2, "0-1-9:3");
    add(merge, 1, "0-1-10");
    add(merge, 0, "0-1-10:1");

    assertEquals(List.of("0-1-9:1", "0-1-9:2", "0-1-9:3"), drain(merge, false));
    // partition 2 is empty: what follows waits until the topic is quiet and 2 is read to its end
    assertEquals(List.of("0-1-10", "0-1-10:1"), drain(merge, true));
  }

  @Test
  void aRecordIsHeldWhileAnEmptyPartitionMayStillHoldAnEarlierOne() {
    PartitionMerge<String> merge = new PartitionMerge<>(2);
    add(merge, 1, "0-1-5:2");

    assertNull(merge.next(false, p -> true), "not quiet yet");
    assertNull(merge.next(true, p -> false), "partition 0 not read to its end");
    add(merge, 0, "0-1-5:1");
    assertEquals("0-1-5:1", merge.next(false, p -> false).record());
  }

  @Test
  void onePartitionReleasesAsItComes() {
    PartitionMerge<String> merge = new PartitionMerge<>(1);
    add(merge, 0, "0-1-3:1");

    assertEquals("0-1-3:1", merge.next(false, p -> false).record());
    assertNull(merge.next(true, p -> true));
    assertEquals(0, merge.size());
  }

  @Test
  void keysOrderSchemaRecordsBeforeTheRowsOfTheirGtid() {
    assertTrue(key("0-1-12").compareTo(key("0-1-12:1")) < 0);
    assertTrue(key("0-1-11:20000").compareTo(key("0-1-12")) < 0);
    assertTrue(key("0-1-12").isSchema());
    assertEquals("0-1-10:2", key("0-1-10:2").toString());
  }

  @Test
  void aKeyThatIsNotKafkaCdcsSaysWhatWasExpected() {
    for (String bad : new String[] {"hello", "0-1-9:0", "0-1-9:x", "0-1:2", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> key(bad), bad);
      assertTrue(e.getMessage().contains("is not KafkaCDC's"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> RecordKey.parse(null));
  }

  private static RecordKey key(String text) {
    return RecordKey.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void add(PartitionMerge<String> merge, int partition, String key) {
    merge.add(partition, key(key), key);
  }

  private static List<String> drain(PartitionMerge<String> merge, boolean quiet) {
    List<String> out = new ArrayList<>();
    for (var e = merge.next(quiet, p -> true); e != null; e = merge.next(quiet, p -> true)) {
      out.add(e.record());
    }
    return out;
  }
}
