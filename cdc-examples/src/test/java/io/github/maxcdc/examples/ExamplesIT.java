package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick starts are these classes: each runs here as a user runs it, in a JVM of its
 * own, against a fake MaxScale (and an embedded MariaDB for the replication).
 */
class ExamplesIT {
  private static final String SECRET = "example-secret";

  @TempDir Path tmp;

  private final TestDatabase db = TestDatabase.shared();

  @Test
  void printChangesPrintsTheWorkshopsThreeChanges() throws Exception {
    try (FakeMaxScale maxscale = FakeMaxScale.builder().user("cdcuser", SECRET).build()) {
      workshop(maxscale.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES), true);

      ChildJvm.Exit exit = run(PrintChanges.class, maxscale, Map.of());

      List<String> lines = exit.output().lines().filter(l -> !l.contains(" INFO ")).toList();
      assertEquals(3, lines.size(), exit.output());
      assertTrue(
          lines
              .get(0)
              .startsWith("INSERT 0-1-2:1 {id=1, client=Client A, montant=120.5 (repaired)"),
          exit.output());
      assertTrue(lines.get(1).startsWith("UPDATE 0-1-3:2 "), exit.output());
      assertTrue(lines.get(2).startsWith("DELETE 0-1-4:1 {id=1, client=Client A"), exit.output());
      assertTrue(
          lines.get(1).contains("statut=PAYEE") && lines.get(1).contains("Client A"),
          exit.output());
      assertTrue(!exit.output().contains(SECRET), "the password is never printed");
    }
  }

  @Test
  void followTablesPrintsTheChangesOfBothTables() throws Exception {
    try (FakeMaxScale maxscale = FakeMaxScale.builder().user("cdcuser", SECRET).build()) {
      ScriptedTable commandes =
          maxscale.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      ScriptedTable retours =
          maxscale.createTable(
              "shop_tx",
              "retours",
              TableDefinition.builder()
                  .column("id", "INT")
                  .primaryKey("id")
                  .column("motif", "VARCHAR(50)")
                  .build());
      workshop(commandes, false);
      retours.insert(Map.of("id", 7, "motif", "abîmé"));

      ChildJvm.Exit exit = run(FollowTables.class, maxscale, Map.of());

      List<String> lines = exit.output().lines().filter(l -> l.startsWith("shop_tx.")).toList();
      assertEquals(3, lines.size(), exit.output());
      assertEquals(
          List.of("shop_tx.commandes INSERT", "shop_tx.commandes UPDATE"),
          lines.stream()
              .filter(l -> l.startsWith("shop_tx.commandes"))
              .map(l -> l.substring(0, l.indexOf(' ', 18)))
              .toList());
      assertTrue(lines.contains("shop_tx.retours INSERT {id=7, motif=abîmé}"), exit.output());
    }
  }

  @Test
  void replicateToMariaDbAppliesTheChangesExactlyOnceAcrossRuns() throws Exception {
    db.recreateDatabase("shop_dw");
    db.execute(
        "CREATE TABLE shop_dw.commandes_dw (id INT PRIMARY KEY, client VARCHAR(100),"
            + " montant DECIMAL(10,2), statut VARCHAR(20), date_creation TIMESTAMP NULL)");
    Map<String, String> target =
        Map.of("DW_URL", db.jdbcUrl("shop_dw"), "DW_USER", "root", "DW_PASSWORD", "");
    try (FakeMaxScale maxscale = FakeMaxScale.builder().user("cdcuser", SECRET).build()) {
      ScriptedTable commandes =
          maxscale.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      workshop(commandes, false);

      ChildJvm.Exit first = run(ReplicateToMariaDb.class, maxscale, target);
      assertEquals("1 Client A 120.50 PAYEE", rows(), first.output());

      commandes.insert(order("Client B", "75.10"));
      commandes.delete(Map.of("id", 1));
      ChildJvm.Exit second = run(ReplicateToMariaDb.class, maxscale, target);

      assertEquals("2 Client B 75.10 NOUVELLE", rows(), second.output());
      assertTrue(
          second.output().contains("2 changes applied; checkpoint 0-1-5:1"),
          "the second run applied only the new two:\n" + second.output());
    }
  }

  @Test
  void archiveToFilesThenReplayFilesAppliesTheArchiveExactlyOnce() throws Exception {
    db.recreateDatabase("shop_dw");
    db.execute(
        "CREATE TABLE shop_dw.commandes_dw (id INT PRIMARY KEY, client VARCHAR(100),"
            + " montant DECIMAL(10,2), statut VARCHAR(20), date_creation TIMESTAMP NULL)");
    Map<String, String> env =
        Map.of(
            "ARCHIVE_DIR",
            tmp.resolve("archive").toString(),
            "DW_URL",
            db.jdbcUrl("shop_dw"),
            "DW_USER",
            "root",
            "DW_PASSWORD",
            "");
    try (FakeMaxScale maxscale = FakeMaxScale.builder().user("cdcuser", SECRET).build()) {
      ScriptedTable commandes =
          maxscale.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
      workshop(commandes, false);
      commandes.insert(order("Client B", "75.10"));

      ChildJvm.Exit archived = run(ArchiveToFiles.class, maxscale, env);
      assertTrue(archived.output().contains("3 changes archived"), archived.output());
      ChildJvm.Exit first = run(ReplayFiles.class, maxscale, env);
      assertTrue(first.output().contains("3 changes applied, 0 already applied"), first.output());
      assertEquals("1 Client A 120.50 PAYEE; 2 Client B 75.10 NOUVELLE", rows(), first.output());

      ChildJvm.Exit second = run(ReplayFiles.class, maxscale, env);
      assertTrue(second.output().contains("0 changes applied, 3 already applied"), second.output());
      assertEquals("1 Client A 120.50 PAYEE; 2 Client B 75.10 NOUVELLE", rows());
    }
  }

  /** Client A: inserted, paid and, if {@code delete}, deleted. */
  private static void workshop(ScriptedTable commandes, boolean delete) {
    commandes.insert(order("Client A", "120.50"));
    commandes.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
    if (delete) {
      commandes.delete(Map.of("id", 1));
    }
  }

  private static Map<String, Object> order(String client, String amount) {
    return Map.of("client", client, "montant", new BigDecimal(amount), "statut", "NOUVELLE");
  }

  /** Runs {@code example} until it has been idle 2 s; it must end with status 0. */
  private ChildJvm.Exit run(Class<?> example, FakeMaxScale maxscale, Map<String, String> more)
      throws Exception {
    Map<String, String> env = new HashMap<>(more);
    env.put("MAXSCALE_HOST", maxscale.host());
    env.put("MAXSCALE_PORT", String.valueOf(maxscale.port()));
    env.put("CDC_PASSWORD", SECRET);
    Path log = tmp.resolve(example.getSimpleName() + System.nanoTime() + ".log");
    ChildJvm.Exit exit =
        ChildJvm.await(
            ChildJvm.startClass(example, List.of("2"), env, log), log, Duration.ofMinutes(2));
    assertEquals(0, exit.status(), exit.output());
    return exit;
  }

  private String rows() throws Exception {
    StringBuilder rows = new StringBuilder();
    try (Connection c = db.connect("shop_dw");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, client, montant, statut FROM commandes_dw ORDER BY id")) {
      while (rs.next()) {
        rows.append(rows.length() == 0 ? "" : "; ")
            .append(rs.getInt(1))
            .append(' ')
            .append(rs.getString(2))
            .append(' ')
            .append(rs.getBigDecimal(3).toPlainString())
            .append(' ')
            .append(rs.getString(4));
      }
    }
    return rows.toString();
  }
}
