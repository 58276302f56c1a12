package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.testkit.internal.replay.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serving the avrorouter directories MaxScale wrote gives the recorded streams. The snapshots hold
 * the final state; fixtures captured before the ALTER are checked against a copy without the later
 * files.
 */
class DirectoryFaithfulnessTest {
  private static final List<String> LATER_FILES =
      List.of(
          "shop_tx.commandes.000002.avro",
          "shop_tx.commandes.000002.avsc",
          "shop_tx.retours.000001.avro",
          "shop_tx.retours.000001.avsc");

  @TempDir Path dir;

  private FakeMaxScale serve(Path directory) {
    return FakeMaxScale.builder()
        .avroDirectory(directory)
        .pollInterval(Duration.ofMillis(20))
        .user("cdcuser", "cdcpass")
        .user("maxuser", "maxpwd")
        .build();
  }

  private Path snapshot(String name, boolean beforeAlter) throws IOException {
    BuiltInAvroDirectory.copy(name, dir);
    if (beforeAlter) {
      for (String f : LATER_FILES) {
        Files.delete(dir.resolve(f));
      }
    }
    return dir;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "d01_auth_wrong_password",
        "d02_auth_unknown_user",
        "d03_auth_malformed_not_hex_no_colon",
        "d04_unknown_table",
        "d05_unknown_database",
        "d06_unknown_version",
        "d07_table_without_database",
        "d08_malformed_command",
        "d09_request_data_no_argument",
        "d10_request_data_trailing_newline",
        "d11_request_before_register",
        "d12_register_bad_type",
        "d13_register_without_type",
        "d14_close_command",
        "d15_no_auth_register_first",
        "e_all_types_json",
        "e_all_types_avro",
        "f1_commandes_json_after_alter",
        "f2_commandes_avro_after_alter",
        "f3_commandes_json_version_000002",
        "f4_commandes_avro_version_000002",
        "f5_commandes_json_after_alter_from_gtid_0-1-22"
      })
  void finalSnapshotGivesTheRecordedStream(String fixture) throws IOException {
    assertServes(snapshot(BuiltInAvroDirectory.SNAPSHOT, false), fixture);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a_commandes_json",
        "a2_commandes_json_service_user",
        "a3_register_trailing_newline_ok",
        "b_commandes_avro",
        "c1_commandes_json_from_gtid_0-1-7",
        "c2_commandes_json_from_gtid_0-1-9",
        "c3_commandes_json_from_gtid_beyond_end_0-1-999",
        "c4_commandes_json_from_gtid_other_server_0-2-1",
        "c5_commandes_avro_with_gtid_0-1-7",
        "c6_commandes_json_explicit_version_000001"
      })
  void snapshotBeforeTheAlterGivesTheEarlierStreams(String fixture) throws IOException {
    assertServes(snapshot(BuiltInAvroDirectory.SNAPSHOT, true), fixture);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h_commandes_avro_deflate_after_alter", "h_all_types_avro_deflate"})
  void deflateSnapshotGivesMaxScalesCorruptStreams(String fixture) throws IOException {
    assertServes(snapshot(BuiltInAvroDirectory.DEFLATE_SNAPSHOT, false), fixture);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h_commandes_avro_deflate", "h_commandes_json_deflate_service"})
  void deflateSnapshotBeforeTheAlter(String fixture) throws IOException {
    assertServes(snapshot(BuiltInAvroDirectory.DEFLATE_SNAPSHOT, true), fixture);
  }

  private void assertServes(Path directory, String fixture) throws IOException {
    try (FakeMaxScale server = serve(directory)) {
      assertArrayEquals(
          Recording.builtInServerBytes(fixture), FixtureDriver.converse(server, fixture));
    }
  }

  @Test
  void tableWithoutFileThenRetryOnTheSameConnection() throws IOException {
    GrowingDirectory growing = GrowingDirectory.of(dir, f -> !f.startsWith("shop_tx.retours"));
    List<Transcript.Step> steps = FixtureDriver.steps("i_table_without_rows_then_retry");
    try (FakeMaxScale server = serve(growing.served());
        RawClient client = new RawClient(server)) {
      FixtureDriver.play(client, steps.subList(0, 6)); // ... ERR NO-FILE
      growing.publish("shop_tx.retours.000001.avsc");
      growing.publish("shop_tx.retours.000001.avro");
      // The file now exists, but the failed request does not make the session stream it (the
      // silence check has the directory scanned again, so the session was woken after the copy).
      client.expectSilence();
      FixtureDriver.play(client, steps.subList(6, steps.size()));
      assertArrayEquals(
          Recording.builtInServerBytes("i_table_without_rows_then_retry"), client.received());
    }
  }

  @Test
  void liveJsonClientFollowsTheNewVersion() throws IOException {
    GrowingDirectory growing = GrowingDirectory.commandesVersion1(dir);
    byte[] expected = Recording.builtInServerBytes("g_live_commandes_json_during_alter");
    byte[] before = Recording.builtInServerBytes("a_commandes_json");
    try (FakeMaxScale server = serve(growing.served());
        RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA shop_tx.commandes");
      client.read(before.length - 7);
      growing.publish("shop_tx.commandes.000002.avsc");
      growing.publish("shop_tx.commandes.000002.avro");
      client.read(expected.length - before.length);
      client.expectSilence();
      assertArrayEquals(expected, client.received());
    }
  }

  @Test
  void liveAvroClientGetsTheNewVersionAndRepeatedHeaders() throws IOException {
    GrowingDirectory growing = GrowingDirectory.commandesVersion1(dir);
    try (FakeMaxScale server = serve(growing.served());
        RawClient client = new RawClient(server)) {
      client.handshake(false);
      client.send("REQUEST-DATA shop_tx.commandes");
      AvroSegments live = new AvroSegments(client.input());
      List<AvroSegments.Segment> got = new java.util.ArrayList<>();
      for (int blocks = 0; blocks < 8; ) {
        AvroSegments.Segment s = live.next();
        got.add(s);
        blocks += s.header() ? 0 : 1;
      }
      growing.publish("shop_tx.commandes.000002.avsc");
      growing.publish("shop_tx.commandes.000002.avro");
      for (int blocks = 0; blocks < 4; ) {
        AvroSegments.Segment s = live.next();
        got.add(s);
        blocks += s.header() ? 0 : 1;
      }
      List<AvroSegments.Segment> recorded =
          AvroSegments.parse(
              AvroSegments.stripHandshake(
                  Recording.builtInServerBytes("g_live_commandes_avro_during_alter")));
      assertEquals(
          AvroSegments.withoutRepeatedHeaders(recorded), AvroSegments.withoutRepeatedHeaders(got));
      assertEquals(
          AvroSegments.parse(
              AvroSegments.stripHandshake(
                  Recording.builtInServerBytes("f2_commandes_avro_after_alter"))),
          AvroSegments.withoutRepeatedHeaders(got));
    }
  }
}
