package io.github.maxcdc.internal.source;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.internal.protocol.Credentials;
import java.time.Duration;
import java.util.UUID;

/**
 * Settings of a connection to a MaxScale CDC listener.
 *
 * @param host the listener's host
 * @param port the listener's port
 * @param credentials the CDC user
 * @param format the stream format
 * @param uuid the client id sent with REGISTER
 * @param connectTimeout bound of the TCP connect
 * @param handshakeTimeout bound of the wait for each handshake reply
 * @param maxRecordBytes the largest record accepted
 * @param avroSchemaLookup whether an AVRO stream looks up its MariaDB types over JSON
 */
public record CdcProtocolConfig(
    String host,
    int port,
    Credentials credentials,
    StreamFormat format,
    UUID uuid,
    Duration connectTimeout,
    Duration handshakeTimeout,
    int maxRecordBytes,
    boolean avroSchemaLookup) {

  /** {@code host:port}. */
  public String server() {
    return host + ":" + port;
  }
}
