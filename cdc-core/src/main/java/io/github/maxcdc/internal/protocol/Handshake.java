package io.github.maxcdc.internal.protocol;

import io.github.maxcdc.AuthenticationException;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.ProtocolException;
import io.github.maxcdc.RegistrationException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.internal.bytes.Excerpts;
import io.github.maxcdc.internal.transport.Connection;
import io.github.maxcdc.position.Gtid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The CDC session's opening: AUTH, then REGISTER, then REQUEST-DATA, each message sent alone and
 * its reply awaited before the next (the server has no framing: it treats what one read returns as
 * one command). Replies, from the recordings:
 *
 * <ul>
 *   <li>AUTH: {@code OK\n\n}, or {@code ERROR: Authentication failed\n\n} and the server closes
 *       ({@code d01}, {@code d02}, {@code d03});
 *   <li>REGISTER: {@code OK\n}, or {@code ERR, code 12, msg: Registration failed\n} and the server
 *       closes ({@code d12}, {@code d13});
 *   <li>REQUEST-DATA: the stream itself, or an {@code ERR ...} line that the stream decoder reports
 *       ({@code d04} to {@code d10}).
 * </ul>
 */
public final class Handshake {
  private static final byte[] OK_AUTH = "OK\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OK = "OK\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "ERROR".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERR = "ERR".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TWO_NEWLINES = {'\n', '\n'};
  private static final byte[] NEWLINE = {'\n'};

  private Handshake() {}

  /**
   * Authenticates, registers and requests the table's stream.
   *
   * @param seek the GTID for MaxScale's JSON seek, or null
   * @return bytes of the stream that arrived with the last reply (usually none)
   * @throws CdcException for a refused step, an unexpected reply or a timeout
   */
  public static byte[] open(
      Connection connection,
      Credentials credentials,
      UUID uuid,
      StreamFormat format,
      TableId table,
      int version,
      Gtid seek,
      Duration timeout)
      throws IOException {
    ReplyReader replies = new ReplyReader(connection);
    String server = connection.server();

    connection.send(credentials.authMessage());
    ReplyReader.Reply auth =
        replies.read(TWO_NEWLINES, timeout, "the authentication reply", OK_AUTH, ERROR);
    if (!auth.closed() && java.util.Arrays.equals(auth.bytes(), OK_AUTH)) {
      // authenticated
    } else if (startsWith(auth.bytes(), ERROR)) {
      String text = credentials.redact(text(auth.bytes()));
      throw new AuthenticationException(
          "MaxScale at "
              + server
              + " refused the credentials of CDC user '"
              + credentials.user()
              + "' ("
              + text
              + "): check the user and password, and that the user was added to this "
              + "avrorouter service (maxctrl call command cdc add_user <service> <user> <password>)",
          text);
    } else {
      throw unexpected(auth, server, "OK after authentication", credentials);
    }

    connection.send(new RegisterMessage(uuid, format).bytes());
    ReplyReader.Reply register = replies.read(NEWLINE, timeout, "the REGISTER reply", OK, ERR);
    if (!register.closed() && java.util.Arrays.equals(register.bytes(), OK)) {
      // registered
    } else if (startsWith(register.bytes(), ERR)) {
      String text = credentials.redact(text(register.bytes()));
      throw new RegistrationException(
          "MaxScale at "
              + server
              + " refused to register a "
              + format
              + " client ("
              + text
              + "): check that this port is a CDC listener of an avrorouter service",
          text);
    } else {
      throw unexpected(register, server, "OK after REGISTER", credentials);
    }

    connection.send(new RequestDataMessage(table, version, seek).bytes());
    return replies.leftover();
  }

  private static CdcException unexpected(
      ReplyReader.Reply reply, String server, String expected, Credentials credentials) {
    if (reply.closed() && reply.bytes().length == 0) {
      return new ConnectionClosedException(
          server
              + " closed the connection instead of answering (expected "
              + expected
              + "): is it a MaxScale CDC listener?",
          false,
          null);
    }
    return new ProtocolException(
        "expected "
            + expected
            + " from "
            + server
            + ", got "
            + excerpt(credentials.redact(reply.bytes()))
            + ": is this the port of a MaxScale CDC listener (not a MariaDB or MaxScale SQL port)?");
  }

  private static String excerpt(byte[] bytes) {
    return Excerpts.of(bytes, 0, bytes.length);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  // The server's text without line ends and NULs, for messages.
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).replace("\0", "").strip();
  }
}
