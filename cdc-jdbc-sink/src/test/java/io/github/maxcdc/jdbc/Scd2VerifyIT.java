package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TableVerifier} proves an SCD2 table's current versions equal to the source through a view
 * of them, as the README's "Target shapes" section shows: older versions are left out, a current
 * version that differs, one missing and one too many are found.
 */
class Scd2VerifyIT {
  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void tables() throws Exception {
    db.recreateDatabase("s2_src");
    db.recreateDatabase("s2_dw");
    db.execute(
        "CREATE TABLE s2_src.commandes (id INT PRIMARY KEY, client VARCHAR(40), statut"
            + " VARCHAR(20))",
        "INSERT INTO s2_src.commandes SELECT seq, CONCAT('client ', seq), 'paid'"
            + " FROM s2_src.seq_1_to_500",
        "CREATE TABLE s2_dw.commandes_dw (id INT NOT NULL, client VARCHAR(40), statut"
            + " VARCHAR(20), _valid_from DATETIME NOT NULL, _valid_to DATETIME NULL, _current"
            + " TINYINT NOT NULL, PRIMARY KEY (id, _valid_from), KEY (id, _current))",
        // every row had a first version, closed when it was paid
        "INSERT INTO s2_dw.commandes_dw SELECT seq, CONCAT('client ', seq), 'new',"
            + " '2026-01-01 10:00:00', '2026-01-02 10:00:00', 0 FROM s2_src.seq_1_to_500",
        "INSERT INTO s2_dw.commandes_dw SELECT seq, CONCAT('client ', seq), 'paid',"
            + " '2026-01-02 10:00:00', NULL, 1 FROM s2_src.seq_1_to_500",
        "CREATE VIEW s2_dw.commandes_dw_current AS SELECT id, client, statut"
            + " FROM s2_dw.commandes_dw WHERE _current = 1");
  }

  TableVerifier verifier() {
    return TableVerifier.builder()
        .source(SourceDatabase.jdbcUrl(db.jdbcUrl("s2_src"), "root", ""))
        .target(db.jdbcUrl("s2_dw"), "root", "")
        .tables(TableId.parse("s2_src.commandes"), TableId.parse("s2_dw.commandes_dw_current"))
        .chunkRows(100)
        .settleTimeout(Duration.ZERO)
        .build();
  }

  @Test
  void currentVersionsEqualToTheSourceAreEqual() throws Exception {
    VerifyResult r = verifier().verify();
    assertTrue(r.equal(), r.toString());
    assertEquals(500, r.sourceRows());
    assertEquals(500, r.targetRows());
  }

  @Test
  void aWrongMissingOrExtraCurrentVersionIsFound() throws Exception {
    db.execute(
        "UPDATE s2_dw.commandes_dw SET statut = 'shipped' WHERE id = 7 AND _current = 1",
        "UPDATE s2_dw.commandes_dw SET _current = 0, _valid_to = '2026-01-03 10:00:00'"
            + " WHERE id = 8 AND _current = 1",
        "INSERT INTO s2_dw.commandes_dw VALUES (900, 'client 900', 'paid',"
            + " '2026-01-02 10:00:00', NULL, 1)");
    VerifyResult r = verifier().verify();
    assertFalse(r.equal());
    assertEquals(List.of("8"), r.missing());
    assertEquals(List.of("900"), r.extra());
    assertEquals(
        List.of(new VerifyResult.Difference("7", List.of("statut"))), r.different(), r.toString());
  }
}
