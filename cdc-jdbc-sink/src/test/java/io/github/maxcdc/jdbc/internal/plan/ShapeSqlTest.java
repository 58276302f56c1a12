package io.github.maxcdc.jdbc.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.HistoryColumns;
import io.github.maxcdc.jdbc.LossyColumnPolicy;
import io.github.maxcdc.jdbc.NewColumnsPolicy;
import io.github.maxcdc.jdbc.Scd2Columns;
import io.github.maxcdc.jdbc.SchemaChangePolicy;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings of the history and SCD2 statements and tables. */
class ShapeSqlTest {
  static final TableId DW = TableId.parse("shop_dw.commandes_dw");

  @Test
  void historyAppendsLeaveAChangeWrittenAgainAsItIs() {
    assertEquals(
        "INSERT INTO `shop_dw`.`commandes_dw` (`id`, `v`, `_op`, `_gtid`) VALUES (?, ?, ?, ?),"
            + " (?, ?, ?, ?) ON DUPLICATE KEY UPDATE `_gtid` = `_gtid`",
        MariaDbDialect.appendOnce(DW, List.of("id", "v", "_op", "_gtid"), "_gtid", 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> MariaDbDialect.appendOnce(DW, List.of("id"), "id", 0));
  }

  @Test
  void scd2ClosesAndDropsTheCurrentVersion() {
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `to` = ?, `cur` = 0 WHERE `id` = ? AND `c` <=> ?"
            + " AND `cur` = 1 AND `from` < ?",
        MariaDbDialect.closeVersion(
            DW, List.of("id", "c"), List.of(false, true), "from", "to", "cur"));
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE `id` = ? AND `cur` = 1 AND `from` = ?",
        MariaDbDialect.dropVersionAt(DW, List.of("id"), List.of(false), "from", "cur"));
  }

  @Test
  void createdHistoryTableIsKeyedByTheChange() {
    assertEquals(
        "CREATE TABLE IF NOT EXISTS `shop_dw`.`commandes_dw` (`id` INT NULL, `v` TEXT NULL,"
            + " `_op` VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, `_gtid`"
            + " VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, `_event_number` INT NOT"
            + " NULL, `_commit_time` DATETIME NOT NULL, PRIMARY KEY (`_gtid`, `_event_number`),"
            + " KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        ShapePlans.createTable(
            options(TargetMode.HISTORY, HistoryColumns.DEFAULT, Scd2Columns.DEFAULT),
            List.of("id", "v"),
            List.of("INT", "TEXT")));
  }

  @Test
  void createdScd2TableIsKeyedByTheRowAndTheVersionStart() {
    assertEquals(
        "CREATE TABLE IF NOT EXISTS `shop_dw`.`commandes_dw` (`id` INT NOT NULL, `v` TEXT NULL,"
            + " `from` DATETIME NOT NULL, `to` DATETIME NULL, `cur` TINYINT NOT NULL,"
            + " PRIMARY KEY (`id`, `from`), KEY (`id`, `cur`)) ENGINE=InnoDB DEFAULT"
            + " CHARSET=utf8mb4",
        ShapePlans.createTable(
            options(
                TargetMode.SCD2,
                HistoryColumns.DEFAULT,
                new Scd2Columns("from", "to", "cur", Scd2Columns.FAR_FUTURE)),
            List.of("id", "v"),
            List.of("INT", "TEXT")));
  }

  @Test
  void shapeColumnsAreRecognisedWhateverTheirCase() {
    SinkOptions history = options(TargetMode.HISTORY, HistoryColumns.DEFAULT, Scd2Columns.DEFAULT);
    assertTrue(history.isShapeColumn("_GTID"));
    assertFalse(history.isShapeColumn("_valid_from"));
    SinkOptions scd2 = options(TargetMode.SCD2, HistoryColumns.DEFAULT, Scd2Columns.DEFAULT);
    assertTrue(scd2.isShapeColumn("_Current"));
    assertFalse(scd2.isShapeColumn("_op"));
  }

  @Test
  void shapeColumnNamesMustDiffer() {
    assertThrows(IllegalArgumentException.class, () -> new HistoryColumns("op", "g", "OP", "t"));
    assertThrows(IllegalArgumentException.class, () -> new Scd2Columns("a", "", "c", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> Scd2Columns.DEFAULT.withOpenEnd(Scd2Columns.FAR_FUTURE.withNano(5)));
  }

  static SinkOptions options(TargetMode mode, HistoryColumns h, Scd2Columns v) {
    return new SinkOptions(
        TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw").keyColumns("id"),
        NewColumnsPolicy.FAIL,
        LossyColumnPolicy.FAIL,
        AmbiguousValuePolicy.FAIL,
        DeleteMode.hard(),
        ZoneOffset.UTC,
        true,
        200,
        SchemaChangePolicy.DEFAULT,
        mode,
        h,
        v);
  }
}
