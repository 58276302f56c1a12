package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The authentication message is a replayable credential: it must not reach logs or toString(). */
class SecretsTest {
  private static final String DIGEST = "ed2e3972b87099f3df46bb12eae0327bd17795f4";

  @Test
  void credentialsNeverReachTheLogs() throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", "cdcpass").build()) {
      try (RawClient ok = new RawClient(server)) {
        ok.sendExpect(RawClient.AUTH, "OK\n\n");
      }
      try (RawClient bad = new RawClient(server)) {
        bad.sendExpect(RawClient.AUTH.replace('e', 'f'), "ERROR: Authentication failed\n\n");
      }
      ClientMessage m = server.takeMessage(Duration.ofSeconds(5)).orElseThrow();
      assertFalse(m.toString().contains(DIGEST), m.toString());
      assertFalse(server.toString().contains("cdcpass"));
    }
    try (FakeMaxScale replay =
            FakeMaxScale.builder().replay(Recording.builtIn("d01_auth_wrong_password")).build();
        RawClient client = new RawClient(replay)) {
      client.send(RawClient.AUTH);
      client.readToEof();
    }
    String log = Files.readString(Path.of("target/testkit-test.log"), StandardCharsets.UTF_8);
    assertTrue(log.contains("authenticated as cdcuser"), "debug logging must be on for this test");
    assertFalse(log.contains(DIGEST), "the password digest reached the log");
    assertFalse(log.contains(RawClient.AUTH), "the authentication message reached the log");
    assertFalse(log.contains("cdcpass"), "the password reached the log");
  }
}
