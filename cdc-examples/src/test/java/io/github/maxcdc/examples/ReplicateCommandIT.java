package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code maxcdc replicate} from a fake MaxScale to an embedded MariaDB. */
class ReplicateCommandIT {
  static final String DW = "replicate_dw";
  static final String TARGET = DW + ".commandes_dw";
  static final String TARGET_DDL =
      "CREATE TABLE "
          + TARGET
          + " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), "
          + "statut VARCHAR(20), date_creation TIMESTAMP NULL)";
  static final TableDefinition COMMANDES = TableDefinition.commandes();
  static final String CDC_SECRET = "cdc-secret-must-not-leak";
  static final String TARGET_SECRET = "target-secret-must-not-leak";
  static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "");

  final TestDatabase db = TestDatabase.shared();

  record Run(int status, String stderr) {
    List<String> lines(String prefix) {
      return stderr.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    String summary() {
      List<String> summaries = lines("summary: ");
      assertEquals(1, summaries.size(), stderr);
      return summaries.get(0);
    }
  }

  @BeforeEach
  void freshTarget() throws Exception {
    db.recreateDatabase(DW);
    db.execute(TARGET_DDL);
  }

  static Map<String, Object> order(String client, String amount, String status) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client", client);
    row.put("montant", new BigDecimal(amount));
    row.put("statut", status);
    return row;
  }

  List<String> args(FakeMaxScale server, String targetTable, String... extra) {
    return CommandArgs.replicate(server, "shop_tx.commandes")
        .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", targetTable)
        .with("--idle-exit", "1s")
        .with(extra)
        .build();
  }

  static Run run(List<String> args, Map<String, String> env) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new ByteArrayOutputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(status, err.toString(StandardCharsets.UTF_8));
  }

  // in a JVM of its own, to see everything it prints, its logs included
  static Run runChild(List<String> args, Map<String, String> env, String name) throws Exception {
    Path log = Path.of("target", "replicate-it", name + ".log");
    Process child = ChildJvm.startMain(args, env, log);
    ChildJvm.Exit exit = ChildJvm.await(child, log, Duration.ofSeconds(60));
    return new Run(exit.status(), exit.output());
  }

  List<List<Object>> target() throws Exception {
    return Rows.of(db, TARGET, "id", "id", "client", "montant", "statut").stream()
        .map(r -> List.copyOf(r.values()))
        .toList();
  }

  long appliedEvents() throws Exception {
    return (Long) Rows.of(db, DW + ".maxcdc_checkpoint", "stream_id").get(0).get("applied_events");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "avro"})
  void theWorkshopScenarioIsReplicatedAndEachRunResumesAfterTheLast(String format)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      List<String> args = args(server, TARGET, "--format", format);

      commandes.insert(order("Client A", "120.50", "NOUVELLE"));
      Run first = run(args, ENV);
      assertEquals(0, first.status(), first.stderr());
      assertEquals(List.of(List.of(1, "Client A", new BigDecimal("120.50"), "NOUVELLE")), target());
      assertTrue(
          first.summary().startsWith("summary: 1 insert, 0 updates, 0 deletes in 1 transaction, "),
          first.summary());

      commandes.update(Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
      Run second = run(args, ENV);
      assertEquals(0, second.status(), second.stderr());
      assertEquals(List.of(List.of(1, "Client A", new BigDecimal("120.50"), "PAYEE")), target());
      assertTrue(
          second.summary().startsWith("summary: 0 inserts, 1 update, 0 deletes"), second.summary());

      commandes.delete(Map.of("client", "Client A"));
      Run third = run(args, ENV);
      assertEquals(0, third.status(), third.stderr());
      assertEquals(List.of(), target());
      assertTrue(
          third.summary().startsWith("summary: 0 inserts, 0 updates, 1 delete in 1 transaction"),
          third.summary());
      assertTrue(
          third.summary().contains(", last position " + server.lastGtid().orElseThrow() + ":1, "),
          third.summary());
      assertTrue(
          third.summary().contains(", 3 changes applied since the stream began, "),
          third.summary());

      Run again = run(args, ENV);
      assertEquals(0, again.status(), again.stderr());
      assertTrue(
          again.summary().startsWith("summary: 0 inserts, 0 updates, 0 deletes in 0 transactions"),
          again.summary());
      assertEquals(3, appliedEvents(), "each change applied once");
    }
  }

  @Test
  void printsProgressWhileItRuns() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("Client A", "120.50", "NOUVELLE"));
      commandes.insert(order("Client B", "80.00", "NOUVELLE"));
      Run run = run(args(server, TARGET, "--progress-interval", "100ms"), ENV);
      assertEquals(0, run.status(), run.stderr());
      List<String> progress = run.lines("progress: ");
      assertFalse(progress.isEmpty(), run.stderr());
      String gtid = server.lastGtid().orElseThrow();
      assertTrue(
          progress
              .get(progress.size() - 1)
              .matches("progress: 2 changes applied, last " + gtid + ":1, lag \\d+\\.\\d s"),
          progress.toString());
      assertEquals(progress.size(), progress.stream().distinct().count(), "only when it changed");
    }
  }

  @Test
  void createsTheTargetTableInTheDatabaseOfTheUrlWhenAsked() throws Exception {
    db.execute("DROP TABLE " + TARGET);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("Client A", "120.50", "NOUVELLE"));
      Run run = run(args(server, "commandes_dw", "--create-target", "id"), ENV);
      assertEquals(0, run.status(), run.stderr());
      List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
      assertEquals(1, rows.size());
      assertEquals("Client A", rows.get(0).get("client"));
      assertEquals(0, new BigDecimal("120.50").compareTo((BigDecimal) rows.get(0).get("montant")));
    }
  }

  @Test
  void schemaChangesAreFollowedFromTheCommandLine() throws Exception {
    // recording h_items2: rename, widening, added, generated and invisible columns, a drop
    db.execute("DROP DATABASE IF EXISTS catalog");
    try (Connection c = db.connect("");
        java.sql.Statement s = c.createStatement()) {
      String sql =
          new String(
              ReplicateCommandIT.class
                  .getClassLoader()
                  .getResourceAsStream(
                      "maxcdc-recordings/maxscale-24.02.3-ddl/sql/61_schema_changes_change_syntax.sql")
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    }
    try (FakeMaxScale server =
        FakeMaxScale.builder()
            .replay(io.github.maxcdc.testkit.Recording.builtIn("h_items2_json"))
            .build()) {
      List<String> args =
          CommandArgs.replicate(server, "catalog.items2")
              .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "items2")
              .with("--create-target", "sku", "--on-new-columns", "add")
              .with("--on-dropped-columns", "drop")
              .source(CommandArgs.embeddedUrl(db, "catalog"), "DW_PASSWORD")
              .with("--idle-exit", "1s")
              .build();
      Run bad = run(CommandArgs.plus(args, "--on-type-changes", "shrink"), ENV);
      assertEquals(2, bad.status(), bad.stderr());
      assertTrue(bad.stderr().contains("[widen, fail]"), bad.stderr());
      Run run = run(args, ENV);
      assertEquals(0, run.status(), run.stderr());
      String[] columns = {"sku", "label", "price", "qty", "total", "big", "origin"};
      assertEquals(
          Rows.of(db, "catalog.items2", "sku", columns),
          Rows.of(db, DW + ".items2", "sku", columns));
      assertTrue(
          Rows.of(
                  db,
                  "information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                      + DW
                      + "'"
                      + " AND TABLE_NAME = 'items2' AND COLUMN_NAME = 'note'",
                  "1",
                  "COLUMN_NAME")
              .isEmpty(),
          "note dropped");
    }
  }

  /**
   * tx_times.rdv, whose first row has a negative TIME (MaxScale sends it wrong), in the source
   * database and in a fake MaxScale; and its target table {@code rdv_dw} with {@code columns}.
   */
  FakeMaxScale rdvServer(String columns) throws Exception {
    db.recreateDatabase("tx_times");
    db.execute(
        "CREATE TABLE tx_times.rdv (id INT PRIMARY KEY, heure TIME, note VARCHAR(20))",
        "INSERT INTO tx_times.rdv VALUES (1, '-12:30:00', 'early'), (2, '08:15:00', 'late')",
        "CREATE TABLE " + DW + ".rdv_dw (" + columns + ")");
    FakeMaxScale server = FakeMaxScale.builder().build();
    ScriptedTable rdv =
        server.createTable(
            "tx_times",
            "rdv",
            TableDefinition.builder()
                .column("id", "INT")
                .column("heure", "TIME")
                .column("note", "VARCHAR(20)")
                .primaryKey("id")
                .build());
    rdv.insert(Map.of("id", 1, "heure", Duration.ofMinutes(-750), "note", "early"));
    rdv.insert(Map.of("id", 2, "heure", Duration.ofMinutes(495), "note", "late"));
    return server;
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "avro"})
  void aTimeColumnIsReplicatedExactlyWithASourceConnection(String format) throws Exception {
    // MaxScale turns a negative TIME into a wrong positive one: only the source has the value
    try (FakeMaxScale server = rdvServer("id INT PRIMARY KEY, heure TIME, note VARCHAR(20)")) {
      CommandArgs.Replicate args =
          CommandArgs.replicate(server, "tx_times.rdv")
              .with("--format", format)
              .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "rdv_dw")
              .with("--idle-exit", "1s");

      Run refused = run(args.build(), ENV);
      assertEquals(1, refused.status(), refused.stderr());
      assertTrue(refused.stderr().contains("--lossy-columns"), refused.stderr());
      assertTrue(refused.stderr().contains("--source-url"), refused.stderr());

      Run run =
          run(args.source(CommandArgs.embeddedUrl(db, "tx_times"), "DW_PASSWORD").build(), ENV);
      assertEquals(0, run.status(), run.stderr());
      assertTrue(run.summary().contains("2 rows re-read from the source"), run.summary());
      assertEquals(
          List.of(List.of(1, "-12:30:00", "early"), List.of(2, "08:15:00", "late")),
          Rows.of(db, DW + ".rdv_dw", "id", "id", "CAST(heure AS CHAR) AS h", "note").stream()
              .map(r -> List.copyOf(r.values()))
              .toList());
    }
  }

  @Test
  void aTargetWithoutKeyIsRefusedARereadUntilKeyColumnsAreGiven() throws Exception {
    // MaxScale damages the TIME; re-reading it from the source needs a key the target lacks
    try (FakeMaxScale server = rdvServer("id INT, heure TIME, note VARCHAR(20)")) {
      List<String> args =
          CommandArgs.replicate(server, "tx_times.rdv")
              .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "rdv_dw")
              .source(CommandArgs.embeddedUrl(db, "tx_times"), "DW_PASSWORD")
              .with("--idle-exit", "1s")
              .build();

      Run refused = run(args, ENV);
      assertEquals(1, refused.status(), refused.stderr());
      List<String> line = refused.lines("maxcdc replicate: ");
      assertEquals(1, line.size(), refused.stderr());
      for (String expected :
          List.of(DW + ".rdv_dw has no primary key", "heure", "--key-columns", "--lossy-column")) {
        assertTrue(line.get(0).contains(expected), expected + " in " + line.get(0));
      }

      Run run = run(CommandArgs.plus(args, "--key-columns", "id"), ENV);
      assertEquals(0, run.status(), run.stderr());
      assertTrue(run.summary().contains("2 rows re-read from the source"), run.summary());
      assertEquals(
          List.of(List.of(1, "-12:30:00", "early"), List.of(2, "08:15:00", "late")),
          Rows.of(db, DW + ".rdv_dw", "id", "id", "CAST(heure AS CHAR) AS h", "note").stream()
              .map(r -> List.copyOf(r.values()))
              .toList());
    }
  }

  @Test
  void keyColumnsNameTheirTableWhenSeveralAreReplicated() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      List<String> two = args(server, TARGET, "--table", "shop_tx.clients");
      two.set(two.indexOf("--target-table") + 1, "commandes_dw,clients_dw");
      for (List<String> wrong :
          List.of(
              List.of("--key-columns", "id"),
              List.of("--key-columns", "shop_tx.autres=id"),
              List.of("--key-columns", "shop_tx.clients=id,", "--key-columns", "x"),
              List.of("--key-columns", "shop_tx.clients=id", "--key-columns", "shop_tx.clients=a"),
              List.of("--key-columns", "clients=id"))) {
        List<String> args = new ArrayList<>(two);
        args.addAll(wrong);
        Run run = run(args, ENV);
        assertEquals(2, run.status(), wrong + ": " + run.stderr());
        assertTrue(run.stderr().contains("--key-columns"), run.stderr());
      }
      Run noTable = run(CommandArgs.plus(two, "--key-columns", "id"), ENV);
      assertTrue(noTable.stderr().contains("DB.TABLE=COLS"), noTable.stderr());
      Run unknown = run(CommandArgs.plus(two, "--key-columns", "shop_tx.autres=id"), ENV);
      assertTrue(unknown.stderr().contains("shop_tx.commandes, shop_tx.clients"), unknown.stderr());
    }
  }

  @Test
  void createsATargetWithoutKeyAndKeepsIdenticalRowsApart() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable lignes =
          server.createTable(
              "shop_tx",
              "lignes",
              TableDefinition.builder().column("a", "INT").column("b", "VARCHAR(10)").build());
      lignes.insert(Map.of("a", 1, "b", "one"));
      lignes.insert(Map.of("a", 1, "b", "one"));
      lignes.insert(Map.of("a", 2, "b", "two"));
      lignes.update(Map.of("a", 1), Map.of("b", "uno"), 1);
      lignes.delete(Map.of("a", 2));
      List<String> args =
          CommandArgs.replicate(server, "shop_tx.lignes")
              .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "lignes_dw")
              .with("--create-target", "--idle-exit", "1s")
              .build();
      Run run =
          runChild(
              args,
              Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET),
              "create-target-without-key");
      assertEquals(0, run.status(), run.stderr());
      assertEquals(
          1,
          run.stderr().lines().filter(l -> l.contains("created without a key")).count(),
          run.stderr());
      assertTrue(run.stderr().contains(DW + ".lignes_dw is created without a key"), run.stderr());
      assertEquals(
          List.of(List.of(1, "one"), List.of(1, "uno")),
          Rows.of(db, DW + ".lignes_dw", "a, b", "a", "b").stream()
              .map(r -> List.copyOf(r.values()))
              .toList());
    }
  }

  @Test
  void rereadWithoutASourceIsAUsageError() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Run run = run(args(server, TARGET, "--lossy-columns", "reread"), ENV);
      assertEquals(2, run.status(), run.stderr());
      assertTrue(run.stderr().contains("--source-url"), run.stderr());
      Run bad = run(args(server, TARGET, "--lossy-column", "heure=maybe"), ENV);
      assertEquals(2, bad.status(), bad.stderr());
      assertTrue(bad.stderr().contains("fail, skip, write, reread"), bad.stderr());
    }
  }

  @Test
  void addsNewSourceColumnsToTheTargetWhenAsked() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("before", "1.00", "NOUVELLE"));
      commandes.addColumn("canal", "VARCHAR(20)", "web");
      Map<String, Object> row = order("after", "2.00", "NOUVELLE");
      row.put("canal", "mobile");
      commandes.insert(row);
      Run refused = run(args(server, TARGET), ENV);
      assertEquals(1, refused.status(), refused.stderr());
      assertTrue(refused.stderr().contains("lacks: canal"), refused.stderr());

      Run run = run(args(server, TARGET, "--on-new-columns", "add"), ENV);
      assertEquals(0, run.status(), run.stderr());
      List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
      assertEquals(2, rows.size());
      assertEquals("mobile", rows.get(1).get("canal"));
      assertEquals(2, appliedEvents());
    }
  }

  @Test
  void aWrongTargetPasswordExitsWithOneLineThatDoesNotShowIt() throws Exception {
    try (TestDatabase secured =
            TestDatabase.embedded(EmbeddedMariaDb.builder().user("etl_user", "right-password"));
        FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      server.createTable("shop_tx", "commandes", COMMANDES).insert(order("A", "1.00", "X"));
      List<String> args = args(server, TARGET);
      args.set(args.indexOf("--target-url") + 1, "jdbc:mariadb://127.0.0.1:" + secured.port());
      args.set(args.indexOf("--target-user") + 1, "etl_user");
      Run run =
          runChild(
              args,
              Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET),
              "wrong-target-password");
      assertFailedWithOneLine(run, "etl_user");
    }
  }

  @Test
  void aMissingTargetTableExitsWithOneLineNamingIt() throws Exception {
    db.execute("DROP TABLE " + TARGET);
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      server.createTable("shop_tx", "commandes", COMMANDES).insert(order("A", "1.00", "X"));
      Run run =
          runChild(
              args(server, TARGET),
              Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET),
              "missing-target-table");
      String line = assertFailedWithOneLine(run, TARGET + " does not exist");
      assertTrue(line.contains("--create-target") || line.contains("createTarget"), line);
    }
  }

  @Test
  void maxScaleRefusingTheCredentialsExitsWithOneLineThatDoesNotShowThem() throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().user("cdcuser", "the-right-cdc-password").build()) {
      server.createTable("shop_tx", "commandes", COMMANDES).insert(order("A", "1.00", "X"));
      Run run =
          runChild(
              args(server, TARGET),
              Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET),
              "maxscale-refuses");
      assertFailedWithOneLine(run, "refused the credentials of CDC user 'cdcuser'");
      assertEquals(0, Rows.count(db, TARGET));
    }
  }

  static String assertFailedWithOneLine(Run run, String expected) {
    assertEquals(1, run.status(), run.stderr());
    List<String> message = run.lines("maxcdc replicate: ");
    assertEquals(1, message.size(), run.stderr());
    assertTrue(message.get(0).contains(expected), message.get(0));
    assertFalse(run.stderr().contains(CDC_SECRET), run.stderr());
    assertFalse(run.stderr().contains(TARGET_SECRET), run.stderr());
    return message.get(0);
  }

  @Test
  void usageErrorsExitWithStatus2() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Map<String, String> noTargetPassword = new HashMap<>(ENV);
      noTargetPassword.remove("DW_PASSWORD");
      Run missing = run(args(server, TARGET), noTargetPassword);
      assertEquals(2, missing.status());
      assertTrue(missing.stderr().contains("DW_PASSWORD"), missing.stderr());

      List<String> noDatabase = args(server, "commandes_dw");
      noDatabase.set(noDatabase.indexOf("--target-url") + 1, "jdbc:mariadb://127.0.0.1:3306/");
      Run noDb = run(noDatabase, ENV);
      assertEquals(2, noDb.status());
      assertTrue(noDb.stderr().contains("names no database"), noDb.stderr());

      Run policy = run(args(server, TARGET, "--on-new-columns", "drop"), ENV);
      assertEquals(2, policy.status());
      assertTrue(policy.stderr().contains("fail, add or ignore"), policy.stderr());

      Run batch = run(args(server, TARGET, "--max-batch", "0"), ENV);
      assertEquals(2, batch.status());
    }
  }

  @Test
  void sigtermCommitsWhatWasReceivedAndPrintsTheSummary() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("Client A", "120.50", "NOUVELLE"));
      List<String> args = args(server, TARGET);
      args.subList(args.indexOf("--idle-exit"), args.indexOf("--idle-exit") + 2).clear();
      Path log = Path.of("target", "replicate-it", "sigterm.log");
      Process child =
          ChildJvm.startMain(
              args, Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET), log);
      try {
        Rows.await(db, TARGET, "id", rows -> rows.size() == 1);
        commandes.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
        Rows.await(db, TARGET, "id", rows -> "PAYEE".equals(rows.get(0).get("statut")));
      } finally {
        child.destroy(); // SIGTERM
      }
      ChildJvm.Exit exit = ChildJvm.await(child, log, Duration.ofSeconds(30));
      assertEquals(143, exit.status(), "the JVM's status after SIGTERM:\n" + exit.output());
      assertTrue(
          exit.output().contains("summary: 1 insert, 1 update, 0 deletes in 2 transactions"),
          exit.output());
      assertEquals(2, appliedEvents());
    }
  }

  @Test
  void theShadedJarReplicates() throws Exception {
    Path jar = Path.of("target", "maxcdc.jar");
    assertTrue(jar.toFile().isFile(), "the shaded jar is built in the package phase");
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("Client A", "120.50", "NOUVELLE"));
      Path log = Path.of("target", "replicate-it", "shaded-jar.log");
      Process child =
          ChildJvm.startJar(
              jar,
              args(server, TARGET),
              Map.of("CDC_PASSWORD", CDC_SECRET, "DW_PASSWORD", TARGET_SECRET),
              log);
      ChildJvm.Exit exit = ChildJvm.await(child, log, Duration.ofSeconds(60));
      assertEquals(0, exit.status(), exit.output());
      assertEquals(List.of(List.of(1, "Client A", new BigDecimal("120.50"), "NOUVELLE")), target());
      assertFalse(exit.output().contains(CDC_SECRET), exit.output());
      assertFalse(exit.output().contains(TARGET_SECRET), exit.output());
    }
  }
}
