package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.replay.Transcript;
import java.io.IOException;
import java.util.List;

/**
 * Plays the client side of a recording against a server: sends each recorded client message once
 * the recorded server bytes before it have arrived, reads the recorded server bytes, expects the
 * close when the recording has one, and otherwise expects silence.
 */
final class FixtureDriver {
  private FixtureDriver() {}

  static List<Transcript.Step> steps(String fixture) {
    return Recording.builtIn(fixture).transcript().steps();
  }

  /** Returns every byte received, for comparison with the fixture's .bin file. */
  private static final ThreadLocal<byte[]> LAST = ThreadLocal.withInitial(() -> new byte[0]);

  static byte[] converse(FakeMaxScale server, String fixture) throws IOException {
    try (RawClient client = new RawClient(server)) {
      try {
        play(client, steps(fixture));
      } finally {
        LAST.set(client.received());
      }
      return client.received();
    }
  }

  /** What the last {@link #converse} received, also when it failed. */
  static byte[] lastReceived() {
    return LAST.get();
  }

  static void play(RawClient client, List<Transcript.Step> steps) throws IOException {
    boolean closed = false;
    for (Transcript.Step step : steps) {
      if (step instanceof Transcript.ClientSends c) {
        client.send(c.bytes());
      } else if (step instanceof Transcript.ServerSends s) {
        client.read(s.bytes().length);
      } else {
        client.expectEof();
        closed = true;
      }
    }
    if (!closed) {
      client.expectSilence();
    }
  }
}
