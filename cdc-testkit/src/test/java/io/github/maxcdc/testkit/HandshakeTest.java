package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.internal.protocol.AuthMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication, registration and command replies, including MaxScale's parsing quirks. */
class HandshakeTest {
  private FakeMaxScale server;

  @BeforeEach
  void start() {
    server = FakeMaxScale.builder().user("alice", "secret").user("bob", "hunter2").build();
    server
        .createTable("db", "t", TableDefinition.builder().column("id", "INT").build())
        .insert(java.util.Map.of("id", 1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String auth(String user, String password) {
    return new String(AuthMessage.encode(user, password), StandardCharsets.US_ASCII);
  }

  @Test
  void everyConfiguredUserIsAccepted() throws IOException {
    for (String[] u : new String[][] {{"alice", "secret"}, {"bob", "hunter2"}}) {
      try (RawClient c = new RawClient(server)) {
        c.sendExpect(auth(u[0], u[1]), "OK\n\n");
      }
    }
  }

  @Test
  void wrongCredentialsAreRefusedAndTheConnectionClosed() throws IOException {
    for (String message :
        new String[] {
          auth("alice", "wrong"),
          auth("nobody", "secret"),
          "hello",
          RawClient.AUTH,
          auth("alice", "secret").repeat(3)
        }) {
      try (RawClient c = new RawClient(server)) {
        c.sendExpect(message, "ERROR: Authentication failed\n\n");
        c.expectEof();
      }
    }
  }

  @Test
  void theDefaultUserIsCdcuser() throws IOException {
    try (FakeMaxScale s = FakeMaxScale.builder().build();
        RawClient c = new RawClient(s)) {
      c.sendExpect(RawClient.AUTH, "OK\n\n");
    }
  }

  @Test
  void anOddTrailingByteIsIgnoredByTheHexDecoder() throws IOException {
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("alice", "secret") + "Z", "OK\n\n");
    }
  }

  @Test
  void closeIsMatchedAsAPrefixOfTheMessage() throws IOException {
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("alice", "secret"), "OK\n\n");
      c.send("CLO");
      c.expectEof();
    }
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("alice", "secret"), "OK\n\n");
      c.sendExpect(RawClient.REGISTER_JSON, "OK\n");
      c.sendExpect("CLOSE\n", "ERR: Unknown command\n\0");
    }
  }

  @Test
  void emptyFileNameAndRepeatedRequests() throws IOException {
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("bob", "hunter2"), "OK\n\n");
      c.sendExpect(RawClient.REGISTER_JSON, "OK\n");
      c.sendExpect("REQUEST-DATA  ", "ERR NO-FILE Filename not specified.\n");
      c.sendExpect("REQUEST-DATA db.nope", "ERR NO-FILE File 'db.nope.000001.avro' not found.\n");
      c.sendExpect("REQUEST-DATA db.nope", "ERR NO-FILE File 'db.nope.000001.avro' not found.\n");
      c.send("REQUEST-DATA db.t");
      assertTrue(c.readLine().startsWith("{\"namespace\":\"MaxScaleChangeDataSchema.avro\""));
      assertTrue(c.readLine().endsWith("\"event_type\": \"insert\", \"id\": 1}"));
    }
  }

  @Test
  void messagesSentTogetherAreOneMessage() throws IOException {
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("alice", "secret"), "OK\n\n");
      // No framing: the request glued to the registration is part of the REGISTER message.
      c.send(RawClient.REGISTER_JSON + "REQUEST-DATA db.t");
      assertEquals("OK\n", new String(c.read(3), StandardCharsets.US_ASCII));
      c.expectSilence();
    }
  }

  @Test
  void clientMessagesAreRecordedWithoutLeakingCredentials() throws IOException {
    try (RawClient c = new RawClient(server)) {
      c.sendExpect(auth("alice", "secret"), "OK\n\n");
      c.sendExpect(RawClient.REGISTER_AVRO, "OK\n");
      c.sendExpect("HELLO", "ERR: Unknown command\n\0");
    }
    ClientMessage auth = server.takeMessage(Duration.ofSeconds(5)).orElseThrow();
    assertEquals(ClientMessage.Kind.AUTHENTICATION, auth.kind());
    assertEquals("alice", auth.user().orElseThrow());
    assertEquals(1, auth.connection());
    assertFalse(auth.toString().contains(auth.text()), auth.toString());
    ClientMessage register = server.takeMessage(Duration.ofSeconds(5)).orElseThrow();
    assertEquals(ClientMessage.Kind.REGISTRATION, register.kind());
    assertEquals(RawClient.REGISTER_AVRO, register.text());
    ClientMessage hello = server.takeMessage(Duration.ofSeconds(5)).orElseThrow();
    assertEquals(ClientMessage.Kind.COMMAND, hello.kind());
    assertEquals(2, hello.index());
    assertTrue(hello.toString().contains("HELLO"));
    assertTrue(server.takeMessage(Duration.ofMillis(1)).isEmpty());
  }
}
