package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code maxcdc stream} against a fake MaxScale. */
class StreamCommandIT {
  static final Map<String, String> ENV = Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD);

  record Run(int status, List<String> lines, String stderr) {}

  static Run run(FakeMaxScale server, String... extra) {
    return runTable(server, "shop_tx.commandes", extra);
  }

  static Run runTable(FakeMaxScale server, String table, String... extra) {
    List<String> args =
        new ArrayList<>(CommandArgs.source("stream", server, table, "--idle-exit", "1s"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), out, new PrintStream(err, true), ENV);
    String text = out.toString(StandardCharsets.UTF_8);
    return new Run(
        status,
        text.isEmpty() ? List.of() : List.of(text.split("\n")),
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "avro"})
  void printsOneLinePerChange(String format) {
    try (FakeMaxScale server =
        FakeMaxScale.builder()
            .clock(
                java.time.Clock.fixed(
                    java.time.Instant.parse("2023-11-14T22:15:01Z"), java.time.ZoneOffset.UTC))
            .build()) {
      ScriptedTable t =
          server.createTable(
              "shop_tx",
              "commandes",
              TableDefinition.builder()
                  .column("id", "INT")
                  .column("client", "VARCHAR(100)")
                  .column("montant", "DECIMAL(10,2)")
                  .column("statut", "VARCHAR(20)")
                  .primaryKey("id")
                  .autoIncrement("id")
                  .build());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("client", "Client A");
      row.put("montant", new BigDecimal("300.99"));
      row.put("statut", "NOUVELLE");
      t.insert(row);
      t.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
      t.delete(Map.of("id", 1));
      Run run = run(server, "--format", format);
      assertEquals(0, run.status(), run.stderr());
      assertEquals(3, run.lines().size(), run.lines().toString());
      String gtid1 = run.lines().get(0).replaceAll(".*\"gtid\":\"([^\"]+)\".*", "$1");
      assertEquals(
          "{\"table\":\"shop_tx.commandes\",\"version\":1,\"gtid\":\""
              + gtid1
              + "\",\"event_number\":1,\"position\":\""
              + gtid1
              + ":1\",\"timestamp\":\"2023-11-14T22:15:01Z\","
              + "\"type\":\"insert\",\"before\":null,\"after\":{\"id\":1,\"client\":\"Client A\",\"montant\":300.99,"
              + "\"statut\":\"NOUVELLE\"}}",
          run.lines().get(0));
      assertTrue(
          run.lines()
              .get(1)
              .contains(
                  "\"type\":\"update\",\"before\":{\"id\":1,\"client\":\"Client A\",\"montant\":300.99,\"statut\":\"NOUVELLE\"},\"after\":{\"id\":1,\"client\":\"Client A\",\"montant\":300.99,\"statut\":\"PAYEE\"}"),
          run.lines().get(1));
      assertTrue(
          run.lines().get(1).contains("\"event_number\":1,\"position\":\""), run.lines().get(1));
      assertTrue(run.lines().get(2).contains("\"type\":\"delete\""), run.lines().get(2));
      assertTrue(run.lines().get(2).endsWith("\"after\":null}"), run.lines().get(2));
    }
  }

  @Test
  void modernTypesAreTheSourcesOrFlagged() {
    // recording g_modern_json: what a real MaxScale 24.02.3 sends for UUID, INET4, INET6...
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("g_modern_json")).build()) {
      Run run = runTable(server, "cdc_types2.modern");
      assertEquals(0, run.status(), run.stderr());
      assertEquals(4, run.lines().size(), run.lines().toString());
      String first = run.lines().get(0);
      // the UUID and INET6 arrived cut: no value, flagged; 10.1.2.3 arrived whole
      assertTrue(
          first.contains("\"c_uuid\":null,\"c_inet4\":\"10.1.2.3\",\"c_inet6\":null"), first);
      assertTrue(
          first.contains("\"c_dtzero\":\"0000-00-00 00:00:00\",\"c_dzero\":\"0000-00-00\""), first);
      assertTrue(
          first.contains(
              "\"untrusted\":{\"after\":{\"c_uuid\":\"truncated\",\"c_inet6\":\"truncated\","
                  + "\"c_dec65\":\"inexact\""),
          first);
      String second = run.lines().get(1);
      assertTrue(second.contains("\"c_dtzero\":\"2024-05-06T07:08:09\""), second);
      assertTrue(second.contains("\"c_inet4\":\"inexact\""), second); // "ac10": hex or text
      String update = run.lines().get(3);
      assertTrue(
          update.contains("\"after\":{\"c_uuid\":\"truncated\",\"c_inet4\":\"truncated\""), update);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @ValueSource(strings = {"ar-SA", "fa-IR"})
  void everyNumberIsWrittenInAsciiDigitsUnderAnyDefaultLocale(String tag) {
    java.util.Locale saved = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag(tag));
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("e_all_types_json")).build()) {
      Run run = runTable(server, "cdc_types.all_types");
      assertEquals(0, run.status(), run.stderr());
      assertTrue(run.lines().size() >= 4, run.lines().toString());
      String all = String.join("\n", run.lines());
      assertTrue(
          all.codePoints().noneMatch(c -> c >= 0x0660 && c <= 0x0669 || c >= 0x06F0 && c <= 0x06F9),
          "no Arabic-Indic digits: " + all);
      assertTrue(all.contains("\"c_time6\":\""), all); // TIME, DECIMAL, dates are in the lines
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  @Test
  void fromIsInclusive() {
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("a_commandes_json")).build()) {
      Run run = run(server, "--from", "0-1-9");
      assertEquals(0, run.status(), run.stderr());
      assertEquals(8, run.lines().size());
      assertTrue(
          run.lines().get(0).contains("\"gtid\":\"0-1-9\",\"event_number\":1"), run.lines().get(0));
    }
  }

  @Test
  void aFailureExitsWithOneLineNamingTheCause() {
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("d01_auth_wrong_password")).build()) {
      Run run = run(server);
      assertEquals(1, run.status());
      List<String> message =
          run.stderr().lines().filter(l -> l.startsWith("maxcdc stream: ")).toList();
      assertEquals(1, message.size(), run.stderr());
      assertTrue(
          message.get(0).contains("refused the credentials of CDC user 'cdcuser'"), message.get(0));
      assertTrue(!run.stderr().contains(FakeMaxScale.DEFAULT_PASSWORD));
    }
  }

  @Test
  void aMissingPasswordVariableIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "stream", "--host", "h", "--user", "u", "--password-env", "NOT_SET", "--table", "a.b"
            },
            new ByteArrayOutputStream(),
            new PrintStream(err, true),
            Map.of());
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("NOT_SET"));
  }
}
