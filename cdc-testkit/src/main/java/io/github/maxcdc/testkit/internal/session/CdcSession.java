package io.github.maxcdc.testkit.internal.session;

import io.github.maxcdc.testkit.internal.protocol.AuthMessage;
import io.github.maxcdc.testkit.internal.protocol.CStrings;
import io.github.maxcdc.testkit.internal.protocol.Registration;
import io.github.maxcdc.testkit.internal.protocol.Replies;
import io.github.maxcdc.testkit.internal.protocol.RequestData;
import io.github.maxcdc.testkit.internal.protocol.Users;
import io.github.maxcdc.testkit.internal.store.AvroStore;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CDC client connection as MaxScale 24.02.3 handles it: the protocol module ({@code
 * CDCClientConnection::ready_for_reading}: authentication, then {@code CLOSE} or routing) and the
 * router session ({@code AvroSession::routeQuery}: registration, then commands). Owned by one
 * session thread.
 */
public final class CdcSession implements ConnectionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CdcSession.class);

  private enum State {
    WAIT_FOR_AUTH,
    UNREGISTERED,
    REGISTERED,
    CLOSED
  }

  private final Users users;
  private final AvroStore store;
  private final SessionOutput out;
  private final boolean refuseAuthentication;
  private final String label;
  private State state = State.WAIT_FOR_AUTH;
  private AvroStreamer streamer;

  /**
   * Creates a session.
   *
   * @param users accepted users
   * @param store the avrorouter directory to serve
   * @param out where to write
   * @param refuseAuthentication fault: answer every authentication with a failure
   * @param label connection label for log messages
   */
  public CdcSession(
      Users users, AvroStore store, SessionOutput out, boolean refuseAuthentication, String label) {
    this.users = users;
    this.store = store;
    this.out = out;
    this.refuseAuthentication = refuseAuthentication;
    this.label = label;
  }

  @Override
  public MessageKind nextMessageKind() {
    return switch (state) {
      case WAIT_FOR_AUTH -> MessageKind.AUTHENTICATION;
      case UNREGISTERED -> MessageKind.REGISTRATION;
      default -> MessageKind.COMMAND;
    };
  }

  @Override
  public void onMessage(byte[] message) throws IOException {
    switch (state) {
      case WAIT_FOR_AUTH -> authenticate(message);
      case UNREGISTERED, REGISTERED -> {
        // The protocol module closes on any message that strncmp-matches "CLOSE" over the
        // message's length (fixture d14_close_command), before the router sees it.
        if (CStrings.strncmpEquals(message, "CLOSE", message.length)) {
          LOG.debug("{}: CLOSE requested", label);
          closeSession();
        } else if (state == State.UNREGISTERED) {
          register(message);
        } else {
          command(message);
        }
      }
      default -> LOG.debug("{}: ignoring {} bytes after close", label, message.length);
    }
  }

  private void authenticate(byte[] message) throws IOException {
    Optional<AuthMessage> auth = AuthMessage.parse(message);
    boolean ok = !refuseAuthentication && auth.isPresent() && users.authenticate(auth.get());
    if (ok) {
      LOG.debug("{}: authenticated as {}", label, auth.get().user());
      state = State.UNREGISTERED;
      out.handshake(Replies.AUTH_OK);
    } else {
      LOG.debug("{}: authentication failed", label);
      out.handshake(Replies.AUTH_FAILED);
      closeSession();
    }
  }

  private void register(byte[] message) throws IOException {
    Optional<Registration.Format> format = Registration.parse(message);
    if (format.isEmpty()) {
      out.handshake(Replies.REGISTER_FAILED);
      closeSession();
      return;
    }
    streamer = new AvroStreamer(store, format.get() == Registration.Format.JSON, out);
    state = State.REGISTERED;
    out.handshake(Replies.REGISTER_OK);
  }

  private void command(byte[] message) throws IOException {
    RequestData request = RequestData.parse(message);
    switch (request.kind()) {
      case UNKNOWN -> out.stream(Replies.UNKNOWN_COMMAND, 0);
      case NO_DATA -> out.stream(Replies.NO_DATA, 0);
      default -> streamer.request(request);
    }
  }

  @Override
  public void onWakeUp() throws IOException {
    if (state == State.REGISTERED && streamer.isActive() && !out.isClosed()) {
      streamer.clientCallback();
    }
  }

  private void closeSession() {
    state = State.CLOSED;
    out.close();
  }

  @Override
  public void onClosed() {
    if (streamer != null) {
      try {
        streamer.close();
      } catch (IOException e) {
        LOG.debug("{}: closing files failed", label, e);
      }
    }
  }
}
