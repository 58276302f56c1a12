package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testing.Recorder;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rogue server echoes the client's authentication message (which can be replayed to log in) back
 * at every step. No exception, cause, stack trace, lifecycle message or toString may carry it, the
 * password, its SHA-1, or a long piece of them.
 */
class RogueServerTest {
  static final String PASSWORD = "correct horse battery staple";

  enum Echo {
    IN_AUTH_ERROR(AuthenticationException.class),
    AS_AUTH_REPLY(ProtocolException.class),
    IN_REGISTER_ERROR(RegistrationException.class),
    IN_REQUEST_ERROR(NoSuchTableException.class),
    AS_JSON_LINE(DecodeException.class),
    AS_SCHEMA_LINE(DecodeException.class);

    final Class<? extends CdcException> expected;

    Echo(Class<? extends CdcException> expected) {
      this.expected = expected;
    }
  }

  static void serve(ServerSocket server, Echo echo) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buf = new byte[4096];
      int n = in.read(buf);
      String auth = new String(buf, 0, n, StandardCharsets.US_ASCII);
      switch (echo) {
        case IN_AUTH_ERROR ->
            out.write(("ERROR: wrong " + auth + "\n\n").getBytes(StandardCharsets.US_ASCII));
        case AS_AUTH_REPLY -> out.write(buf, 0, n);
        default -> {
          out.write("OK\n\n".getBytes(StandardCharsets.US_ASCII));
          in.read(buf);
          if (echo == Echo.IN_REGISTER_ERROR) {
            out.write(("ERR, code 12, msg: " + auth + "\n").getBytes(StandardCharsets.US_ASCII));
            break;
          }
          out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
          in.read(buf);
          String reply =
              switch (echo) {
                case IN_REQUEST_ERROR -> "ERR NO-FILE File '" + auth + "' not found.\n";
                case AS_JSON_LINE -> auth + "\n";
                default -> "{\"namespace\":\"" + auth + "\",\"type\":\"" + auth + "\"}\n";
              };
          out.write(reply.getBytes(StandardCharsets.US_ASCII));
        }
      }
      out.flush();
      socket.shutdownOutput();
      while (in.read(buf) >= 0) {
        // until the client closes
      }
    } catch (Exception ignored) {
      // the client may close first
    }
  }

  @ParameterizedTest
  @EnumSource(Echo.class)
  void secretsNeverLeak(Echo echo) throws Exception {
    Recorder recorder = new Recorder();
    StringWriter everything = new StringWriter();
    // what the client logs (SLF4J's simple binding writes to System.err) is checked too
    java.io.PrintStream savedErr = System.err;
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    System.setErr(
        new java.io.PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                logs.write(b);
                savedErr.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                logs.write(b, off, len);
                savedErr.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8));
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> serve(server, echo), "rogue-server");
      t.setDaemon(true);
      t.start();
      CdcClient client =
          CdcClient.builder()
              .address("127.0.0.1", server.getLocalPort())
              .credentials("cdcuser", PASSWORD)
              .table("shop_tx", "commandes")
              .handshakeTimeout(Duration.ofSeconds(5))
              .reconnect(Backoff.never())
              .listener(recorder)
              .lifecycleListener(recorder)
              .build();
      everything.append(client.toString());
      client.start();
      CdcException failure = null;
      try {
        client.awaitTermination(Duration.ofSeconds(10));
      } catch (CdcException e) {
        failure = e;
      }
      client.close();
      assertNotNull(failure, echo + " should fail");
      assertInstanceOf(echo.expected, failure);
      failure.printStackTrace(new PrintWriter(everything));
      everything.append(String.join("\n", recorder.lifecycle));
    } finally {
      System.setErr(savedErr);
    }
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("shop_tx.commandes"), "the client's log lines were captured");
    everything.append(logged);
    String text = everything.toString();
    byte[] sha =
        MessageDigest.getInstance("SHA-1").digest(PASSWORD.getBytes(StandardCharsets.UTF_8));
    String shaHex = HexFormat.of().formatHex(sha);
    String auth = HexFormat.of().formatHex("cdcuser:".getBytes(StandardCharsets.UTF_8)) + shaHex;
    assertFalse(text.contains(PASSWORD), text);
    assertFalse(text.contains(auth), text);
    // any 12 hex digits of the password's SHA-1 (the user name's hex is no secret)
    for (String secret : Arrays.asList(shaHex, shaHex.toUpperCase(Locale.ROOT))) {
      for (int i = 0; i + 12 <= secret.length(); i++) {
        String piece = secret.substring(i, i + 12);
        assertFalse(text.contains(piece), echo + " leaked '" + piece + "':\n" + text);
      }
    }
  }
}
