package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
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
    assertEquals(HEADER, lines.get(0));
    String[] cols = lines.get(1).split("\t", -1);
    assertEquals(7, cols.length, lines.get(1));
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
    assertEquals("-", cols[6], "not asked without --host");
  }

  @Test
  void withTheMaxScaleAddressCountsTheTransactionsEachStreamIsBehind() throws Exception {
    String url = CommandArgs.embeddedUrl(db, DW);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes =
          server.createTable("shop_tx", "commandes", TableDefinition.commandes());
      commandes.insert(order("Client A"));
      Run replicate = replicate(server, url);
      assertEquals(0, replicate.status(), replicate.stderr());
      // a stream read from Kafka, and one whose id names no table: neither can be asked
      db.execute(
          "INSERT INTO "
              + DW
              + ".maxcdc_checkpoint (stream_id, gtid, event_number, schema_version,"
              + " source_timestamp, applied_events, source_offset) VALUES"
              + " ('shop_tx.commandes->status_dw.from_kafka', '0-1-1', 1, 1, 1700000000, 1,"
              + " 'maxcdc.shop_tx.commandes-0:1'),"
              + " ('nightly-orders', '0-1-1', 1, 1, 1700000000, 1, NULL)");

      assertEquals(
          Map.of(
              STREAM,
              "0",
              "shop_tx.commandes->status_dw.from_kafka",
              "-",
              "nightly-orders",
              "unknown-table"),
          behind(runOk(status(url, host(server)))));

      commandes.insert(order("Client B"));
      server.transaction(
          tx -> {
            tx.insert(commandes, order("Client C"));
            tx.update(commandes, Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
          });
      assertEquals("2", behind(runOk(status(url, host(server)))).get(STREAM));

      // a server that stops inside the stream: what was counted, as a lower bound
      server.enqueueFault(Fault.stallForeverAfterBytes(0));
      List<String> args = status(url, host(server));
      args.addAll(List.of("--behind-timeout", "300ms"));
      assertEquals(">=0", behind(runOk(args)).get(STREAM));
    }
  }

  @Test
  void problemsWithMaxScaleAreOneLineEachAndTheCheckpointsAreStillPrinted() throws Exception {
    String url = CommandArgs.embeddedUrl(db, DW);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes =
          server.createTable("shop_tx", "commandes", TableDefinition.commandes());
      commandes.insert(order("Client A"));
      assertEquals(0, replicate(server, url).status());
      db.execute(
          "INSERT INTO "
              + DW
              + ".maxcdc_checkpoint (stream_id, gtid, event_number, schema_version,"
              + " source_timestamp, applied_events) VALUES"
              + " ('shop_tx.absent->status_dw.absent', '0-1-1', 1, 1, 1700000000, 1)");

      Run unknownTable = run(status(url, host(server)), ENV);
      assertEquals(1, unknownTable.status(), unknownTable.stderr());
      assertEquals(
          Map.of("shop_tx.absent->status_dw.absent", "?", STREAM, "0"), behind(unknownTable));
      assertEquals(1, unknownTable.stderr().lines().count(), unknownTable.stderr());
      assertTrue(
          unknownTable
              .stderr()
              .startsWith(
                  "maxcdc status: behind_tx of shop_tx.absent->status_dw.absent: MaxScale at "),
          unknownTable.stderr());
      assertTrue(unknownTable.stderr().contains("shop_tx.absent"), unknownTable.stderr());

      Run wrongPassword =
          run(status(url, host(server)), Map.of("CDC_PASSWORD", "wrong-secret", "DW_PASSWORD", ""));
      assertEquals(1, wrongPassword.status(), wrongPassword.stderr());
      assertEquals(
          Map.of("shop_tx.absent->status_dw.absent", "?", STREAM, "?"), behind(wrongPassword));
      assertEquals(1, wrongPassword.stderr().lines().count(), wrongPassword.stderr());
      assertTrue(
          wrongPassword.stderr().contains("refused the credentials"), wrongPassword.stderr());
      assertTrue(!wrongPassword.stderr().contains("wrong-secret"), wrongPassword.stderr());
    }
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    List<String> args = status(url, "--host", "127.0.0.1", "--port", String.valueOf(closed));
    args.addAll(List.of("--user", FakeMaxScale.DEFAULT_USER, "--password-env", "CDC_PASSWORD"));
    Run unreachable = run(args, ENV);
    assertEquals(1, unreachable.status(), unreachable.stderr());
    assertEquals(3, unreachable.stdout().lines().count(), unreachable.stdout());
    assertEquals(1, unreachable.stderr().lines().count(), unreachable.stderr());
    assertTrue(
        unreachable.stderr().contains("could not connect to 127.0.0.1:" + closed),
        unreachable.stderr());
  }

  @Test
  void maxScaleOptionsWithoutHostOrHostWithoutUserAreUsageErrors() {
    String url = CommandArgs.embeddedUrl(db, DW);
    Run userOnly = run(status(url, "--user", "cdcuser"), ENV);
    assertEquals(2, userOnly.status(), userOnly.stderr());
    assertTrue(userOnly.stderr().contains("need --host"), userOnly.stderr());

    Run hostOnly = run(status(url, "--host", "127.0.0.1"), ENV);
    assertEquals(2, hostOnly.status(), hostOnly.stderr());
    assertTrue(hostOnly.stderr().contains("--host needs --user"), hostOnly.stderr());

    Run timeoutOnly = run(status(url, "--behind-timeout", "1s"), ENV);
    assertEquals(2, timeoutOnly.status(), timeoutOnly.stderr());
  }

  static final String HEADER =
      "stream_id\tgtid\tevent_number\tsource_time\tlag_s\tapplied_events\tbehind_tx";
  static final String STREAM = "shop_tx.commandes->" + TARGET;

  static Map<String, Object> order(String client) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client", client);
    row.put("montant", new BigDecimal("10.00"));
    row.put("statut", "NOUVELLE");
    return row;
  }

  static Run replicate(FakeMaxScale server, String url) {
    return run(
        CommandArgs.replicate(server, "shop_tx.commandes")
            .target(url, "DW_PASSWORD", "commandes_dw")
            .with("--idle-exit", "500ms")
            .build(),
        ENV);
  }

  static String[] host(FakeMaxScale server) {
    return new String[] {
      "--host",
      server.host(),
      "--port",
      String.valueOf(server.port()),
      "--user",
      FakeMaxScale.DEFAULT_USER,
      "--password-env",
      "CDC_PASSWORD"
    };
  }

  static Run runOk(List<String> args) {
    Run r = run(args, ENV);
    assertEquals(0, r.status(), r.stderr());
    assertEquals("", r.stderr());
    return r;
  }

  /** Stream id to its behind_tx column, checking the header and the columns of every line. */
  static Map<String, String> behind(Run r) {
    List<String> lines = r.stdout().lines().toList();
    assertEquals(HEADER, lines.get(0), r.stdout());
    Map<String, String> behind = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t", -1);
      assertEquals(7, cols.length, line);
      behind.put(cols[0], cols[6]);
    }
    return behind;
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
