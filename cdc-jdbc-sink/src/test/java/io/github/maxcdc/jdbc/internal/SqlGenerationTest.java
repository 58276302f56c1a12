package io.github.maxcdc.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings of the SQL the sink generates, and quoting of hostile identifiers. */
class SqlGenerationTest {
  static final TableId DW = TableId.parse("shop_dw.commandes_dw");

  @Test
  void upsert() {
    assertEquals(
        "INSERT INTO `shop_dw`.`commandes_dw` (`id`, `client`, `montant`) VALUES (?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE `client` = VALUES(`client`), `montant` = VALUES(`montant`)",
        MariaDbDialect.upsert(DW, List.of("id", "client", "montant"), List.of("id")));
    assertEquals(
        "INSERT INTO `shop_dw`.`commandes_dw` (`a`, `b`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `a` = VALUES(`a`)",
        MariaDbDialect.upsert(DW, List.of("a", "b"), List.of("A", "b")));
    assertEquals(
        "INSERT INTO `shop_dw`.`commandes_dw` (`id`, `v`) VALUES (?, ?), (?, ?), (?, ?)"
            + " ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)",
        MariaDbDialect.upsert(DW, List.of("id", "v"), List.of("id"), 3));
  }

  @Test
  void deletes() {
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE `id` = ? AND `code` <=> ?",
        MariaDbDialect.delete(DW, List.of("id", "code"), List.of(false, true)));
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `deleted` = ? WHERE `id` = ?",
        MariaDbDialect.softDelete(DW, "deleted", List.of("id"), List.of(false)));
  }

  @Test
  void aRunOfDeletesIsOneStatementNullableKeysMatchedWithNullSafeEquality() {
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE `id` IN (?, ?, ?)",
        MariaDbDialect.delete(DW, List.of("id"), List.of(false), 3));
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE (`id` <=> ?) OR (`id` <=> ?)",
        MariaDbDialect.delete(DW, List.of("id"), List.of(true), 2));
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE (`id` = ? AND `code` <=> ?)"
            + " OR (`id` = ? AND `code` <=> ?)",
        MariaDbDialect.delete(DW, List.of("id", "code"), List.of(false, true), 2));
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `deleted` = ? WHERE `id` IN (?, ?)",
        MariaDbDialect.softDelete(DW, "deleted", List.of("id"), List.of(false), 2));
    assertEquals(
        MariaDbDialect.delete(DW, List.of("id"), List.of(false)),
        MariaDbDialect.delete(DW, List.of("id"), List.of(false), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> MariaDbDialect.delete(DW, List.of("id"), List.of(false), 0));
  }

  @Test
  void rowsOfATableWithoutKeyAreMatchedOnTheirWholeImageOneAtATime() {
    List<MariaDbDialect.ImageColumn> image =
        List.of(
            new MariaDbDialect.ImageColumn("a", MariaDbDialect.Compare.PLAIN),
            new MariaDbDialect.ImageColumn("b", MariaDbDialect.Compare.TEXT),
            new MariaDbDialect.ImageColumn("f", MariaDbDialect.Compare.FLOAT),
            new MariaDbDialect.ImageColumn("d", MariaDbDialect.Compare.DOUBLE));
    String where =
        "`a` <=> ? AND `b` <=> CONVERT(? USING utf8mb4) COLLATE utf8mb4_nopad_bin"
            + " AND `f` <=> CAST(? AS FLOAT) AND `d` <=> CAST(? AS DOUBLE)";
    assertEquals(
        "INSERT INTO `shop_dw`.`commandes_dw` (`a`, `b`) VALUES (?, ?)",
        MariaDbDialect.insert(DW, List.of("a", "b")));
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `a` = ?, `b` = ?, `f` = ?, `d` = ? WHERE "
            + where
            + " LIMIT 1",
        MariaDbDialect.updateByImage(DW, List.of("a", "b", "f", "d"), image, null));
    assertEquals(
        "DELETE FROM `shop_dw`.`commandes_dw` WHERE " + where + " LIMIT 1",
        MariaDbDialect.deleteByImage(DW, image));
    String live = MariaDbDialect.notDeleted("deleted", true);
    assertEquals("`deleted` = 0", live);
    assertEquals("`gone``at` IS NULL", MariaDbDialect.notDeleted("gone`at", false));
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `a` = ?, `deleted` = ? WHERE `a` <=> ? AND"
            + " `deleted` = 0 LIMIT 1",
        MariaDbDialect.updateByImage(DW, List.of("a", "deleted"), image.subList(0, 1), live));
    assertEquals(
        "UPDATE `shop_dw`.`commandes_dw` SET `deleted` = ? WHERE `a` <=> ? AND `deleted` = 0"
            + " LIMIT 1",
        MariaDbDialect.softDeleteByImage(DW, "deleted", image.subList(0, 1), live));
  }

  @Test
  void ddl() {
    assertEquals(
        "CREATE TABLE IF NOT EXISTS `shop_dw`.`commandes_dw` (`id` INT NOT NULL, `client` VARCHAR(255) NULL, "
            + "PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        MariaDbDialect.createTable(
            DW, List.of("id", "client"), List.of("INT", "VARCHAR(255)"), List.of("id")));
    assertEquals(
        "CREATE TABLE IF NOT EXISTS `shop_dw`.`commandes_dw` (`a` INT NULL, `b` VARCHAR(255) NULL)"
            + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        MariaDbDialect.createTable(
            DW, List.of("a", "b"), List.of("INT", "VARCHAR(255)"), List.of()));
    assertEquals(
        "ALTER TABLE `shop_dw`.`commandes_dw` ADD COLUMN `canal` VARCHAR(255) NULL, ADD COLUMN `x` INT NULL",
        MariaDbDialect.addColumns(DW, List.of("canal", "x"), List.of("VARCHAR(255)", "INT")));
  }

  @Test
  void checkpoint() {
    TableId cp = TableId.parse("shop_dw.maxcdc_checkpoint");
    assertEquals(
        "SELECT `gtid`, `event_number`, `schema_version`, `source_timestamp`, `applied_events`,"
            + " `source_offset` FROM `shop_dw`.`maxcdc_checkpoint` WHERE `stream_id` = ?",
        MariaDbDialect.selectCheckpoint(cp));
    assertEquals(
        "INSERT INTO `shop_dw`.`maxcdc_checkpoint` (`stream_id`, `gtid`, `event_number`, `schema_version`, "
            + "`source_timestamp`, `applied_events`, `source_offset`) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
            + "`gtid` = VALUES(`gtid`), `event_number` = VALUES(`event_number`), `schema_version` = VALUES(`schema_version`), "
            + "`source_timestamp` = VALUES(`source_timestamp`), `applied_events` = VALUES(`applied_events`), "
            + "`source_offset` = VALUES(`source_offset`)",
        MariaDbDialect.upsertCheckpoint(cp));
    assertEquals(
        "ALTER TABLE `shop_dw`.`maxcdc_checkpoint` ADD COLUMN IF NOT EXISTS `source_offset` VARCHAR(4096) NULL"
            + " AFTER `applied_events`",
        MariaDbDialect.addCheckpointSourceOffset(cp));
  }

  @Test
  void hostileIdentifiersStayIdentifiers() {
    assertEquals("`a``; DROP TABLE t; --`", MariaDbDialect.quote("a`; DROP TABLE t; --"));
    // any name: the quoted form starts and ends with a backtick and holds only doubled ones inside
    qt().forAll(strings().allPossible().ofLengthBetween(0, 30))
        .checkAssert(
            name -> {
              String quoted = MariaDbDialect.quote(name);
              String inside = quoted.substring(1, quoted.length() - 1);
              assertEquals(name, inside.replace("``", "`"));
              assertEquals(-1, inside.replace("``", "").indexOf('`'));
            });
  }
}
