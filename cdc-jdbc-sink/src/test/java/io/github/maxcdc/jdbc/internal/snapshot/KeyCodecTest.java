package io.github.maxcdc.jdbc.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.source.SourceTable;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The last copied key round-trips for every key type; the resume condition is right. */
class KeyCodecTest {
  @Test
  void compositeKeysOfEveryKindRoundTrip() {
    List<Object> key =
        Arrays.asList(
            "2024-02-29 13:45:30.123456",
            new byte[] {0, 1, (byte) 0xff},
            null,
            "",
            "a:b:3:c",
            "-12.50",
            "école");
    List<Object> back = KeyCodec.decode(KeyCodec.encode(key));
    assertEquals(key.size(), back.size());
    assertEquals(key.get(0), back.get(0));
    assertArrayEquals((byte[]) key.get(1), (byte[]) back.get(1));
    assertNull(back.get(2));
    assertEquals(List.of("", "a:b:3:c", "-12.50", "école"), back.subList(3, 7));
  }

  @Test
  void randomTextRoundTrips() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      StringBuilder s = new StringBuilder();
      for (int c = random.nextInt(12); c > 0; c--) {
        s.append((char) random.nextInt(32, 0x2FF));
      }
      List<Object> key = List.of(s.toString(), String.valueOf(random.nextLong()));
      assertEquals(key, KeyCodec.decode(KeyCodec.encode(key)));
    }
  }

  @Test
  void theResumeConditionExpandsACompositeKey() {
    TargetColumn a = new TargetColumn("a", "int", "int(11)", false);
    TargetColumn b = new TargetColumn("b`x", "varchar", "varchar(10)", false);
    TargetColumn v = new TargetColumn("v", "text", "text", true);
    SourceTable table =
        new SourceTable(
            io.github.maxcdc.jdbc.internal.target.TargetTable.of(
                new TableId("db", "t"), List.of(a, b, v), List.of(List.of("a", "b`x"))),
            List.of(a, b));
    assertEquals(
        "SELECT `a`, `b``x`, `v` FROM `db`.`t` WHERE (`a` > ?) OR (`a` = ? AND `b``x` > ?)"
            + " ORDER BY `a`, `b``x`",
        SourceSnapshot.select(table, true));
    assertEquals(
        "SELECT `a`, `b``x`, `v` FROM `db`.`t` ORDER BY `a`, `b``x`",
        SourceSnapshot.select(table, false));
  }
}
