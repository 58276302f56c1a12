package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scripting the recordings' SQL workload gives the recorded streams. */
class ScriptedFaithfulnessTest {
  private final SettableClock clock = new SettableClock();
  private FakeMaxScale server;
  private RecordedWorkload workload;

  @BeforeEach
  void start() {
    server = FakeMaxScale.builder().clock(clock).build();
    workload = new RecordedWorkload(server, clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void assertJson(String fixture) throws IOException {
    assertArrayEquals(
        Recording.builtInServerBytes(fixture),
        FixtureDriver.converse(server, fixture),
        () ->
            fixture
                + ": "
                + new String(
                    FixtureDriver.lastReceived(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private void assertAvro(String fixture) throws IOException {
    byte[] got;
    try (RawClient client = new RawClient(server)) {
      client.handshake(false);
      List<byte[]> messages = Recording.builtIn(fixture).clientMessages();
      client.send(messages.get(messages.size() - 1));
      int expected = Recording.builtInServerBytes(fixture).length - 7;
      got = client.read(expected);
      client.expectSilence();
    }
    List<AvroSegments.Segment> recorded =
        AvroSegments.parse(AvroSegments.stripHandshake(Recording.builtInServerBytes(fixture)));
    assertEquals(recorded, AvroSegments.parse(got), fixture);
    assertEquals(
        AvroRecords.text(AvroRecords.decode(recorded)),
        AvroRecords.text(AvroRecords.decode(AvroSegments.parse(got))),
        fixture);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a_commandes_json",
        "a3_register_trailing_newline_ok",
        "c1_commandes_json_from_gtid_0-1-7",
        "c2_commandes_json_from_gtid_0-1-9",
        "c3_commandes_json_from_gtid_beyond_end_0-1-999",
        "c4_commandes_json_from_gtid_other_server_0-2-1",
        "c6_commandes_json_explicit_version_000001",
        "d04_unknown_table",
        "d05_unknown_database",
        "d06_unknown_version",
        "d07_table_without_database",
        "d08_malformed_command",
        "d09_request_data_no_argument",
        "d10_request_data_trailing_newline",
        "d01_auth_wrong_password",
        "d02_auth_unknown_user",
        "d03_auth_malformed_not_hex_no_colon",
        "d11_request_before_register",
        "d12_register_bad_type",
        "d13_register_without_type",
        "d14_close_command",
        "d15_no_auth_register_first"
      })
  void phaseOneJson(String fixture) throws IOException {
    workload.phase1();
    assertJson(fixture);
  }

  @ParameterizedTest
  @ValueSource(strings = {"b_commandes_avro", "c5_commandes_avro_with_gtid_0-1-7"})
  void phaseOneAvro(String fixture) throws IOException {
    workload.phase1();
    assertAvro(fixture);
  }

  @Test
  void modernTypesJson() throws IOException {
    workload.modernTypes();
    assertJson("g_modern_json");
  }

  @Test
  void modernTypesAvro() throws IOException {
    workload.modernTypes();
    assertAvro("g_modern_avro");
  }

  /** Replaces the server with one whose GTIDs continue the recording of schema changes. */
  private void schemaChanges() {
    server.close();
    server =
        FakeMaxScale.builder()
            .clock(clock)
            .firstGtidSequence(RecordedWorkload.SCHEMA_CHANGES_FIRST_GTID_SEQUENCE)
            .build();
    workload = new RecordedWorkload(server, clock).schemaChanges();
  }

  @Test
  void schemaChangesJson() throws IOException {
    schemaChanges();
    assertJson("h_items2_json");
    assertEquals("0-1-34", server.lastGtid().orElseThrow());
  }

  @Test
  void schemaChangesAvro() throws IOException {
    schemaChanges();
    assertAvro("h_items2_avro");
  }

  /**
   * The rows stored before a column appeared hold its default or computed value, as the source did
   * at the end (expected_items2.tsv), although no stream carried them: deleting every row shows
   * them in the before images.
   */
  @Test
  void schemaChangesLeaveTheRowsTheSourceHad() throws IOException {
    schemaChanges();
    workload.items2.delete(Map.of());
    String recorded =
        new String(
            AvroSegments.stripHandshake(Recording.builtInServerBytes("h_items2_json")),
            StandardCharsets.UTF_8);
    int skipped = (int) recorded.lines().count();
    List<String> lines = JsonStream.lines(server, "catalog.items2", skipped + 7);
    List<String> expected;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/maxcdc-recordings/maxscale-24.02.3-ddl/expected_items2.tsv")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<String> columns = List.of("sku", "label", "price", "qty", "total", "big", "origin");
    for (int r = 0; r < expected.size(); r++) {
      String[] want = expected.get(r).split("\t", -1);
      String row = lines.get(skipped + r);
      assertEquals("\"delete\"", JsonStream.field(row, "event_type"));
      for (int c = 0; c < columns.size(); c++) {
        String got = JsonStream.field(row, columns.get(c));
        if (got.startsWith("\"")) {
          got = got.substring(1, got.length() - 1);
        } else if (want[c].contains(".")) { // DECIMAL: MaxScale's double, e.g. 9.9900000000000002
          got = new BigDecimal(got).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        assertEquals(want[c], got, columns.get(c) + " of " + row);
      }
    }
  }

  @Test
  void allTypesJson() throws IOException {
    workload.phase1().types();
    assertJson("e_all_types_json");
  }

  @Test
  void allTypesAvro() throws IOException {
    workload.phase1().types();
    assertAvro("e_all_types_avro");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f1_commandes_json_after_alter",
        "f3_commandes_json_version_000002",
        "f5_commandes_json_after_alter_from_gtid_0-1-22"
      })
  void afterTheAlterJson(String fixture) throws IOException {
    workload.phase1().types().phase2();
    assertJson(fixture);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f2_commandes_avro_after_alter", "f4_commandes_avro_version_000002"})
  void afterTheAlterAvro(String fixture) throws IOException {
    workload.phase1().types().phase2();
    assertAvro(fixture);
  }

  @Test
  void lateTableAppearsWithItsFirstRow() throws IOException {
    workload.phase1().types().phase2().lateTable();
    List<io.github.maxcdc.testkit.internal.replay.Transcript.Step> steps =
        FixtureDriver.steps("i_table_without_rows_then_retry");
    try (RawClient client = new RawClient(server)) {
      FixtureDriver.play(client, steps.subList(0, 6));
      workload.lateTableFirstRow();
      client.expectSilence();
      FixtureDriver.play(client, steps.subList(6, steps.size()));
      assertArrayEquals(
          Recording.builtInServerBytes("i_table_without_rows_then_retry"), client.received());
    }
    assertEquals("0-1-26", server.lastGtid().orElseThrow());
  }
}
