package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replaying each recording gives a raw client exactly the recorded bytes. */
class ReplayFaithfulnessTest {

  static Stream<String> fixtures() {
    return Recording.builtInNames().stream();
  }

  @Test
  void everyFixtureIsListed() {
    List<String> names = Recording.builtInNames();
    // 39 of maxscale-24.02.3, 4 of maxscale-24.02.3-types, 4 of maxscale-24.02.3-ddl
    assertEquals(47, names.size());
    assertTrue(names.contains("g_live_commandes_avro_during_alter"));
    assertTrue(names.contains("g_nopk_avro"));
    assertTrue(names.contains("h_items2_json"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void replayGivesTheRecordedBytes(String fixture) throws IOException {
    Recording recording = Recording.builtIn(fixture);
    assertArrayEquals(
        Recording.builtInServerBytes(fixture), recording.serverBytes(), "transcript vs .bin");
    try (FakeMaxScale server = FakeMaxScale.builder().replay(recording).build()) {
      byte[] received = FixtureDriver.converse(server, fixture);
      assertArrayEquals(Recording.builtInServerBytes(fixture), received);
      for (byte[] sent : recording.clientMessages()) {
        assertArrayEquals(sent, server.takeMessage(Duration.ofSeconds(5)).orElseThrow().bytes());
      }
      assertTrue(server.takeMessage(Duration.ZERO).isEmpty(), "no other message");
    }
  }

  @Test
  void aRecordingCanBeLoadedFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.transcript.jsonl");
    Files.writeString(
        file,
        "{\"dir\":\"C>S\",\"hex\":\"6869\"}\n{\"dir\":\"S>C\",\"hex\":\"6f6b0a\"}\n"
            + "{\"dir\":\"EOF\",\"hex\":\"\",\"note\":\"peer closed connection\"}\n");
    Recording r = Recording.fromTranscript(file);
    assertEquals("mine", r.name());
    assertTrue(r.serverCloses());
    try (FakeMaxScale server = FakeMaxScale.builder().replay(r).build();
        RawClient client = new RawClient(server)) {
      client.sendExpect("hi", "ok\n");
      client.expectEof();
    }
  }

  @Test
  void unknownBuiltInNameIsRefused() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Recording.builtIn("nope"));
    assertTrue(e.getMessage().contains("a_commandes_json"));
    assertTrue(Recording.builtIn("d14_close_command").serverCloses());
    assertFalse(Recording.builtIn("a_commandes_json").serverCloses());
  }
}
