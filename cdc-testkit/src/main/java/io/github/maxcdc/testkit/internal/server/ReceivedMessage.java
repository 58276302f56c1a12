package io.github.maxcdc.testkit.internal.server;

import io.github.maxcdc.testkit.internal.session.ConnectionHandler.MessageKind;
import java.time.Instant;

/**
 * One client message as received. Immutable.
 *
 * @param connection 1-based connection number
 * @param index 0-based message index within the connection
 * @param kind how the server interpreted it
 * @param bytes the bytes of one read
 * @param receivedAt when it arrived
 */
public record ReceivedMessage(int connection, int index, MessageKind kind, byte[] bytes, Instant receivedAt) {
    /** Copies the bytes. */
    public ReceivedMessage {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
