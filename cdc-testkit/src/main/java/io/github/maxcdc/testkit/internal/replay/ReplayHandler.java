package io.github.maxcdc.testkit.internal.replay;

import io.github.maxcdc.testkit.internal.session.ConnectionHandler;
import io.github.maxcdc.testkit.internal.session.SessionOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one recorded conversation on a connection: each client message received stands for the next
 * recorded client message, and the recorded server writes that followed it are sent, one write
 * each. Client messages that differ from the recording are accepted (and logged, never their
 * content when it is an authentication message). Owned by one session thread.
 */
public final class ReplayHandler implements ConnectionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayHandler.class);
  private static final int HANDSHAKE_MESSAGES = 2;

  private final List<Transcript.Step> steps;
  private final SessionOutput out;
  private final String label;
  private int next;
  private int clientMessages;

  /**
   * Creates a handler.
   *
   * @param transcript the conversation to play
   * @param out the connection output
   * @param label connection label for log messages
   */
  public ReplayHandler(Transcript transcript, SessionOutput out, String label) {
    this.steps = transcript.steps();
    this.out = out;
    this.label = label;
  }

  @Override
  public MessageKind nextMessageKind() {
    return switch (clientMessages) {
      case 0 -> MessageKind.AUTHENTICATION;
      case 1 -> MessageKind.REGISTRATION;
      default -> MessageKind.COMMAND;
    };
  }

  @Override
  public void onOpen() throws IOException {
    sendServerSteps();
  }

  @Override
  public void onMessage(byte[] message) throws IOException {
    if (next < steps.size() && steps.get(next) instanceof Transcript.ClientSends expected) {
      if (!Arrays.equals(expected.bytes(), message)) {
        LOG.info(
            "{}: client message {} differs from the recording ({} bytes instead of {})",
            label,
            clientMessages,
            message.length,
            expected.bytes().length);
      }
      next++;
    } else {
      LOG.info(
          "{}: unexpected client message {} ({} bytes) ignored",
          label,
          clientMessages,
          message.length);
    }
    clientMessages++;
    sendServerSteps();
  }

  private void sendServerSteps() throws IOException {
    while (next < steps.size() && !(steps.get(next) instanceof Transcript.ClientSends)) {
      Transcript.Step step = steps.get(next++);
      if (step instanceof Transcript.ServerSends s) {
        if (clientMessages <= HANDSHAKE_MESSAGES) {
          out.handshake(s.bytes());
        } else {
          out.stream(s.bytes(), 0);
        }
      } else if (step instanceof Transcript.ServerStreams s) {
        streamWrites(s);
      } else {
        out.close();
        return;
      }
    }
  }

  // One write per part, as recorded; stops early when the client has gone.
  private void streamWrites(Transcript.ServerStreams s) throws IOException {
    int start = 0;
    for (int end : s.ends()) {
      if (out.isClosed()) {
        return;
      }
      out.stream(Arrays.copyOfRange(s.bytes(), start, end), 0);
      start = end;
    }
  }

  @Override
  public void onWakeUp() {
    // Recordings are not live.
  }

  @Override
  public String toString() {
    return "ReplayHandler[" + label + "]";
  }
}
