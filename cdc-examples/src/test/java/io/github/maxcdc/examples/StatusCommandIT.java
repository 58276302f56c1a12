package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code maxcdc status} reading the checkpoint table a {@code replicate} wrote. */
class StatusCommandIT {
  static final String DW = "status_dw";
  static final String TARGET = DW + ".commandes_dw";
  static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "");

  final TestDatabase db = TestDatabase.shared();

  record Run(int status, String stdout, String stderr) {}

  @BeforeEach
  void freshTarget() throws Exception {
    db.recreateDatabase(DW);
    db.execute(
        "CREATE TABLE "
            + TARGET
            + " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), "
            + "statut VARCHAR(20), date_creation TIMESTAMP NULL)");
  }

  static Run run(List<String> args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  List<String> status(String url, String... more) {
    return CommandArgs.plus(
        List.of(
            "status",
            "--target-url",
            url,
            "--target-user",
            "root",
            "--target-password-env",
            "DW_PASSWORD"),
        more);
  }

  @Test
  void printsTheStreamsPositionAndLagAfterAReplicate() throws Exception {
    String url = CommandArgs.embeddedUrl(db, DW);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes =
          server.createTable("shop_tx", "commandes", TableDefinition.commandes());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("client", "Client A");
      row.put("montant", new BigDecimal("120.50"));
      row.put("statut", "NOUVELLE");
      commandes.insert(row);
      commandes.update(Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
      Run replicate =
          run(
              CommandArgs.replicate(server, "shop_tx.commandes")
                  .target(url, "DW_PASSWORD", "commandes_dw")
                  .with("--idle-exit", "1s")
                  .build(),
              ENV);
      assertEquals(0, replicate.status(), replicate.stderr());
    }
    Map<String, Object> checkpoint = Rows.of(db, DW + ".maxcdc_checkpoint", "stream_id").get(0);

    Run status = run(status(url), ENV);

    assertEquals(0, status.status(), status.stderr());
    List<String> lines = status.stdout().lines().toList();
    assertEquals(2, lines.size(), status.stdout());
    assertEquals("stream_id\tgtid\tevent_number\tsource_time\tlag_s\tapplied_events", lines.get(0));
    String[] cols = lines.get(1).split("\t", -1);
    assertEquals(6, cols.length, lines.get(1));
    assertTrue(cols[0].contains("shop_tx.commandes"), cols[0]);
    assertEquals(checkpoint.get("stream_id"), cols[0]);
    assertEquals(checkpoint.get("gtid"), cols[1]);
    assertEquals(String.valueOf(checkpoint.get("event_number")), cols[2]);
    Instant sourceTime = Instant.ofEpochSecond((Long) checkpoint.get("source_timestamp"));
    assertEquals(sourceTime.toString(), cols[3]);
    long lag = Long.parseLong(cols[4]);
    long upperBound = Instant.now().getEpochSecond() - sourceTime.getEpochSecond();
    assertTrue(lag >= 0 && lag <= upperBound, lines.get(1));
    assertEquals("2", cols[5], lines.get(1));
  }

  @Test
  void aMissingCheckpointTableIsAClearErrorWithStatusOne() {
    Run r = run(status(CommandArgs.embeddedUrl(db, DW)), ENV);

    assertEquals(1, r.status(), r.stderr());
    assertEquals("", r.stdout());
    assertTrue(
        r.stderr()
            .startsWith(
                "maxcdc status: checkpoint table " + DW + ".maxcdc_checkpoint does not exist"),
        r.stderr());
  }

  @Test
  void aNamedCheckpointTableThatDoesNotExistIsAClearError() {
    Run r = run(status(CommandArgs.embeddedUrl(db, DW), "--checkpoint-table", "other.cp"), ENV);

    assertEquals(1, r.status(), r.stderr());
    assertTrue(r.stderr().contains("checkpoint table other.cp does not exist"), r.stderr());
  }

  @Test
  void anUnreachableTargetIsAClearErrorWithStatusOne() {
    Run r = run(status("jdbc:mariadb://127.0.0.1:1/" + DW + "?connectTimeout=2000"), ENV);

    assertEquals(1, r.status(), r.stderr());
    assertTrue(
        r.stderr().startsWith("maxcdc status: cannot reach the target jdbc:mariadb://127.0.0.1:1/"),
        r.stderr());
    assertTrue(!r.stderr().contains("connectTimeout"), r.stderr());
  }

  @Test
  void aWrongPasswordIsAClearErrorWithStatusOne() throws Exception {
    assumeTrue(db.isEmbedded(), "needs the embedded server");
    try (TestDatabase secured =
        TestDatabase.embedded(EmbeddedMariaDb.builder().user("etl_user", "right-password"))) {
      List<String> args = status("jdbc:mariadb://127.0.0.1:" + secured.port() + "/" + DW);
      args.set(args.indexOf("--target-user") + 1, "etl_user");

      Run r = run(args, Map.of("DW_PASSWORD", "wrong-secret-must-not-leak"));

      assertEquals(1, r.status(), r.stderr());
      assertTrue(
          r.stderr().startsWith("maxcdc status: access denied to the target as etl_user"),
          r.stderr());
      assertTrue(!r.stderr().contains("wrong-secret-must-not-leak"), r.stderr());
    }
  }

  @Test
  void anUnsetPasswordVariableIsAUsageError() {
    Run r = run(status(CommandArgs.embeddedUrl(db, DW)), Map.of());

    assertEquals(2, r.status(), r.stderr());
    assertTrue(r.stderr().contains("DW_PASSWORD"), r.stderr());
  }
}
