package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a history or SCD2 sink refuses at build time, and why. */
class TargetModeTest {
  static JdbcSink.Builder builder(TargetMode mode) {
    return JdbcSink.builder()
        .jdbcUrl("jdbc:mariadb://localhost:1/dw", "u", "p")
        .mapping(TableMapping.of("src.t", "dw.t"))
        .targetMode(mode);
  }

  @Test
  void softDeletesAreRefusedWithHistoryAndScd2() {
    for (TargetMode mode : new TargetMode[] {TargetMode.HISTORY, TargetMode.SCD2}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> builder(mode).deletes(DeleteMode.softFlag("is_deleted")).build());
      assertTrue(e.getMessage().contains("soft deletes"), e.getMessage());
    }
  }

  @Test
  void scd2CreatedWithoutKeyColumnsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> builder(TargetMode.SCD2).createTarget().build());
    assertTrue(e.getMessage().contains("key columns"), e.getMessage());
    builder(TargetMode.SCD2).createTarget("id").build().toString(); // accepted
    builder(TargetMode.HISTORY).createTarget().build().toString(); // no key needed
  }

  @Test
  void aSnapshotIsRefusedWithHistoryAndScd2() {
    for (TargetMode mode : new TargetMode[] {TargetMode.HISTORY, TargetMode.SCD2}) {
      JdbcSink sink = builder(mode).createTarget("id").build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Snapshot.builder(sink));
      assertTrue(e.getMessage().contains("not supported with target mode"), e.getMessage());
    }
  }

  @Test
  void mirrorKeepsSoftDeletes() {
    builder(TargetMode.MIRROR).deletes(DeleteMode.softFlag("is_deleted")).build().toString();
  }
}
