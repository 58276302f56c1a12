package io.github.maxcdc.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes the recordings of {@code shop_tx.commandes} hold, as {@code type position}: see the
 * GTID map in the recordings' README.
 */
public final class RecordedChanges {
  /** The 14 changes of phase 1 (18 records): 0-1-3 to 0-1-10. */
  public static final List<String> PHASE1 =
      List.of(
          "insert 0-1-3:1",
          "insert 0-1-4:1",
          "insert 0-1-5:1",
          "insert 0-1-6:1",
          "update 0-1-7:2",
          "delete 0-1-8:1",
          "insert 0-1-9:1",
          "insert 0-1-9:2",
          "insert 0-1-9:3",
          "insert 0-1-9:4",
          "update 0-1-9:6",
          "update 0-1-9:8",
          "delete 0-1-9:9",
          "update 0-1-10:2");

  /** The changes of phase 2 (after the ALTER, schema version 2): 0-1-21 to 0-1-24. */
  public static final List<String> PHASE2 =
      List.of("insert 0-1-21:1", "insert 0-1-22:1", "update 0-1-23:2", "delete 0-1-24:1");

  private RecordedChanges() {}

  /** Phase 1 then phase 2. */
  public static List<String> bothPhases() {
    List<String> all = new ArrayList<>(PHASE1);
    all.addAll(PHASE2);
    return all;
  }
}
